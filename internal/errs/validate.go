package errs

import (
	"errors"
	"reflect"
	"regexp"
	"strings"

	"github.com/go-playground/validator/v10"
)

// Validator checks struct tags (go-playground/validator) and reports problems as a
// ValidationError keyed by each field's form/json name. It is safe for concurrent use.
type Validator struct {
	v *validator.Validate
}

// NewValidator returns a Validator that names fields after their `form` tag, then `json`.
func NewValidator() *Validator {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		for _, tag := range []string{"form", "json"} {
			if name, _, _ := strings.Cut(f.Tag.Get(tag), ","); name != "" && name != "-" {
				return name
			}
		}
		return f.Name
	})
	_ = v.RegisterValidation("slug", func(fl validator.FieldLevel) bool {
		return slugPattern.MatchString(fl.Field().String())
	})
	return &Validator{v: v}
}

// slugPattern is lower-case words of letters and digits joined by single hyphens.
var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Struct validates s and returns a *ValidationError listing every failing field, or nil.
func (v *Validator) Struct(s any) error {
	err := v.v.Struct(s)
	if err == nil {
		return nil
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return err
	}
	out := &ValidationError{}
	for _, fe := range ves {
		out.Fields = append(out.Fields, FieldError{Field: fe.Field(), Code: fe.Tag(), Param: fe.Param()})
	}
	return out
}
