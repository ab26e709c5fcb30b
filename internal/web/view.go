package web

import (
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// NewView prepares the data every page needs. titleKey is a catalog key.
func (s *Site) NewView(c *fiber.Ctx, titleKey string, data any) *View {
	lo := CurrentLocale(c)
	token, _ := c.Locals(localCSRF).(string)
	path, query := pageAddress(c)
	u := CurrentUser(c)
	return &View{
		Locale: lo, User: u, CSRF: token, Path: path, Return: returnTo(path, query), Title: lo.T(titleKey),
		Notice: noticeFor(lo, c.Query("done")), Data: data, Languages: Languages,
		loadZone: func() *time.Location { return s.userZone(c, u) },
	}
}

// userZone is the zone a handler chose for the request (SetZone), else the time zone of
// the person's organisation, or UTC for a platform admin
// (no organisation) or when it cannot be read (the page still shows which zone it used).
func (s *Site) userZone(c *fiber.Ctx, u *identity.User) *time.Location {
	if loc, ok := c.Locals(localZone).(*time.Location); ok {
		return loc
	}
	if u == nil || u.OrganisationID == nil {
		return time.UTC
	}
	loc, err := s.Identity.OrganisationLocation(c.UserContext(), *u.OrganisationID)
	if err != nil {
		return time.UTC
	}
	return loc
}

// pagePath is the page a view stands for: the one the menu marks as current and the
// language switch returns to. See pageAddress.
func pagePath(c *fiber.Ctx) string {
	path, _ := pageAddress(c)
	return path
}

// pageAddress is the path and raw query of the page a view stands for. It is the
// request's, except for a page shown in answer to a form (re-rendered with the form's
// errors), whose path may not answer a GET (POST /people/{id}/goals shows the plan): then
// it is the page the form was sent from, as the same-origin Referer gives it.
func pageAddress(c *fiber.Ctx) (path, query string) {
	if c.Method() == fiber.MethodGet || c.Method() == fiber.MethodHead {
		return c.Path(), string(c.Request().URI().QueryString())
	}
	ref, err := url.Parse(string(c.Request().Header.Referer()))
	if err != nil || ref.Host != string(c.Request().Host()) || !strings.HasPrefix(ref.Path, "/") {
		return c.Path(), ""
	}
	return ref.Path, ref.RawQuery
}

// returnTo is where the language switch leads back to: the page's path with its query
// (?page=3 of a questionnaire, ?group= of results), re-encoded, less the one-off
// confirmation (?done=) that the redirect after a form added. It is always a path on this
// site: SetLanguage refuses anything else.
func returnTo(path, query string) string {
	q, err := url.ParseQuery(query)
	if err != nil {
		return path
	}
	q.Del("done")
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// noticeFor translates an allow-listed confirmation passed after a redirect (?done=key).
func noticeFor(lo Locale, key string) string {
	if key == "" {
		return ""
	}
	msg := lo.T("notice." + key)
	if msg == "notice."+key {
		return ""
	}
	return msg
}

// Page renders a page with status 200.
func (s *Site) Page(c *fiber.Ctx, name string, v *View) error {
	return s.Renderer.Render(c, fiber.StatusOK, name, v)
}

// FormPage re-renders a page with a form that failed validation: 422, with the values typed
// and each field's problem translated. Any other error is returned for the error handler.
func (s *Site) FormPage(c *fiber.Ctx, name string, v *View, values map[string]string, err error) error {
	verr, ok := errs.AsValidation(err)
	if !ok {
		return err
	}
	v.Form = &Form{Values: values, Errors: s.FieldMessages(v.Locale, verr)}
	return s.Renderer.Render(c, fiber.StatusUnprocessableEntity, name, v)
}

// FieldMessages translates each field problem into the reader's language.
func (s *Site) FieldMessages(lo Locale, verr *errs.ValidationError) []FieldMessage {
	out := make([]FieldMessage, 0, len(verr.Fields))
	for _, f := range verr.Fields {
		out = append(out, FieldMessage{Field: f.Field, Message: TranslateFieldError(lo, f)})
	}
	return out
}

// TranslateFieldError translates one field problem.
func TranslateFieldError(lo Locale, f errs.FieldError) string {
	key := "validation." + f.Code
	msg := lo.T(key, "Param", f.Param)
	if msg == key {
		return lo.T("validation.invalid")
	}
	return msg
}
