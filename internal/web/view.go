package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
)

// NewView prepares the data every page needs. titleKey is a catalog key.
func (s *Site) NewView(c *fiber.Ctx, titleKey string, data any) *View {
	lo := CurrentLocale(c)
	token, _ := c.Locals(localCSRF).(string)
	return &View{
		Locale: lo, User: CurrentUser(c), CSRF: token, Path: c.Path(), Title: lo.T(titleKey),
		Notice: noticeFor(lo, c.Query("done")), Data: data, Languages: Languages,
	}
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
