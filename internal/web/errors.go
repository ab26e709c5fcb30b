package web

import (
	"errors"
	"log/slog"
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// APIError is the JSON error shape: {"error": {"code", "message", "fields"}}.
type APIError struct {
	Error APIErrorBody `json:"error"`
}

// APIErrorBody is the inside of APIError.
type APIErrorBody struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// problem is an error reduced to what a client may see.
type problem struct {
	status int
	code   string
	verr   *errs.ValidationError
	retry  int // seconds, for 429
}

// classify maps an error to its status and public code. It is the only place that does.
func classify(err error) problem {
	var fe *fiber.Error
	var rl *identity.RateLimitError
	var ce *CSRFError
	var qe *errs.QueryError
	if errors.As(err, &qe) {
		return problem{status: fiber.StatusBadRequest, code: "bad_request", verr: qe.Err}
	}
	if v, ok := errs.AsValidation(err); ok {
		return problem{status: fiber.StatusUnprocessableEntity, code: "invalid", verr: v}
	}
	switch {
	case errors.As(err, &ce):
		return problem{status: fiber.StatusForbidden, code: "csrf"}
	case errors.As(err, &rl):
		return problem{status: fiber.StatusTooManyRequests, code: "rate_limited", retry: int(rl.RetryAfter.Seconds()) + 1}
	case errors.Is(err, errs.ErrNotFound):
		return problem{status: fiber.StatusNotFound, code: "not_found"}
	case errors.Is(err, errs.ErrForbidden):
		return problem{status: fiber.StatusForbidden, code: "forbidden"}
	case errors.Is(err, errs.ErrUnauthenticated):
		return problem{status: fiber.StatusUnauthorized, code: "unauthenticated"}
	case errors.Is(err, errs.ErrConflict):
		return problem{status: fiber.StatusConflict, code: "conflict"}
	case errors.Is(err, errs.ErrGone):
		return problem{status: fiber.StatusGone, code: "gone"}
	case errors.Is(err, errs.ErrRateLimited):
		return problem{status: fiber.StatusTooManyRequests, code: "rate_limited"}
	case errors.As(err, &fe):
		return fiberProblem(fe)
	}
	return problem{status: fiber.StatusInternalServerError, code: "internal"}
}

func fiberProblem(fe *fiber.Error) problem {
	codes := map[int]string{
		fiber.StatusNotFound:              "not_found",
		fiber.StatusMethodNotAllowed:      "method_not_allowed",
		fiber.StatusRequestEntityTooLarge: "too_large",
		fiber.StatusUnsupportedMediaType:  "unsupported_media_type",
		fiber.StatusBadRequest:            "bad_request",
		fiber.StatusRequestTimeout:        "timeout",
		fiber.StatusServiceUnavailable:    "unavailable",
	}
	if code, ok := codes[fe.Code]; ok {
		return problem{status: fe.Code, code: code}
	}
	if fe.Code >= 400 && fe.Code < 500 {
		return problem{status: fe.Code, code: "bad_request"}
	}
	return problem{status: fiber.StatusInternalServerError, code: "internal"}
}

// HandleError is Fiber's ErrorHandler: it answers with an error page in the reader's
// language, or with the JSON error shape for the API. Internal details never reach the
// client; they are logged with the request id.
func (s *Site) HandleError(c *fiber.Ctx, err error) error {
	p := classify(err)
	if p.status >= 500 {
		s.Log.Error("request failed", "err", err, "method", c.Method(), "path", c.Path(),
			"request_id", c.GetRespHeader(fiber.HeaderXRequestID))
	}
	lo := CurrentLocale(c)
	if lo.l == nil {
		lo = s.Catalog.Locale(s.Catalog.Match(c.Get(fiber.HeaderAcceptLanguage)))
	}
	if p.retry > 0 {
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(p.retry))
	}
	message := lo.T("error." + p.code + ".message")
	if p.code == "rate_limited" && p.retry > 0 {
		message = lo.T("error.rate_limited.wait", "Minutes", (p.retry+59)/60)
	}
	if IsAPI(c) {
		body := APIError{Error: APIErrorBody{Code: p.code, Message: message}}
		if p.verr != nil {
			body.Error.Fields = map[string]string{}
			for _, f := range p.verr.Fields {
				if _, seen := body.Error.Fields[f.Field]; !seen {
					body.Error.Fields[f.Field] = TranslateFieldError(lo, f)
				}
			}
		}
		return c.Status(p.status).JSON(body)
	}
	if p.status == fiber.StatusUnauthorized && c.Method() == fiber.MethodGet {
		return c.Redirect("/login?next="+url.QueryEscape(c.OriginalURL()), fiber.StatusSeeOther)
	}
	c.Locals(localLocale, lo)
	v := s.NewView(c, "error."+p.code+".title", errorPage{Status: p.status, Message: message})
	if rerr := s.Renderer.Render(c, p.status, "errors/error", v); rerr != nil {
		s.Log.Error("render error page", "err", rerr)
		return c.Status(p.status).SendString(message)
	}
	return nil
}

type errorPage struct {
	Status  int
	Message string
}

// LogAttrs is a helper for handlers that want to add context to an access log line.
func LogAttrs(c *fiber.Ctx) []slog.Attr {
	attrs := []slog.Attr{slog.String("request_id", c.GetRespHeader(fiber.HeaderXRequestID))}
	if u := CurrentUser(c); u != nil {
		attrs = append(attrs, slog.String("user_id", u.ID))
	}
	return attrs
}
