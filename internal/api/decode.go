package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
)

// decode reads a JSON request body into v: the body must be declared as JSON, be one
// JSON value, and have no fields that v does not know. Then v is validated.
func (h *Handler) decode(c *fiber.Ctx, v any) error {
	ct := strings.ToLower(c.Get(fiber.HeaderContentType))
	if !strings.HasPrefix(ct, fiber.MIMEApplicationJSON) {
		return fiber.ErrUnsupportedMediaType
	}
	if err := decodeStrict(c.Body(), v); err != nil {
		return err
	}
	return h.validate.Struct(v)
}

// decodeStrict reads exactly one JSON value into v, refusing unknown fields; problems are
// validation errors on the field concerned, or on "body".
func decodeStrict(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			return errs.Invalid(typeErr.Field, "type", typeErr.Type.String())
		}
		return errs.Invalid("body", "json", "")
	}
	if dec.Decode(&struct{}{}) != io.EOF {
		return errs.Invalid("body", "json", "")
	}
	return nil
}
