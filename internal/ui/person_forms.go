package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/web"
)

// formFocus tells a page with several forms (a goal's edit form, a comment form per entry)
// which one failed validation. That form's fields get the ids the error summary links to
// (f-<field>) and show what was typed and what is wrong; every other form keeps ids of its
// own (<form>-<field>) and its usual values.
type formFocus struct {
	Failed string
}

// Is reports whether form is the one that failed.
func (f formFocus) Is(form string) bool { return f.Failed != "" && f.Failed == form }

// ID returns the id of field in form.
func (f formFocus) ID(form, field string) string {
	if f.Is(form) {
		return "f-" + field
	}
	return form + "-" + field
}

// Error returns the problem with field when form is the one that failed, else "".
func (f formFocus) Error(v *web.Form, form, field string) string {
	if !f.Is(form) {
		return ""
	}
	return v.Error(field)
}

// Value returns what was typed into field when form is the one that failed, else
// fallback (the stored value).
func (f formFocus) Value(v *web.Form, form, field, fallback string) string {
	if !f.Is(form) {
		return fallback
	}
	return v.Value(field)
}

// refill re-renders a page whose form failed validation, with status 422 and the typed
// values; build makes the page's data. Any other error goes to the error handler.
func (h *Handler) refill(c *fiber.Ctx, name, titleKey string, build func() (any, error), values map[string]string, err error) error {
	if _, ok := errs.AsValidation(err); !ok {
		return err
	}
	page, berr := build()
	if berr != nil {
		return berr
	}
	return h.site.FormPage(c, name, h.site.NewView(c, titleKey, page), values, err)
}
