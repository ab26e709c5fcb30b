package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/identity"
)

// Renderer executes the page templates. Each page is parsed once, at start, together with
// the layout and the partials, so rendering takes no locks.
type Renderer struct {
	pages map[string]*template.Template
	pool  sync.Pool
}

// NewRenderer parses templates/layouts/*.html, templates/partials/*.html and every other
// templates/**/*.html as a page named by its path without the extension ("auth/login").
func NewRenderer(files fs.FS) (*Renderer, error) {
	base := template.New("").Funcs(funcs)
	for _, dir := range []string{"templates/layouts/*.html", "templates/partials/*.html"} {
		var err error
		if base, err = base.ParseFS(files, dir); err != nil {
			return nil, err
		}
	}
	r := &Renderer{pages: map[string]*template.Template{}, pool: sync.Pool{New: func() any { return new(bytes.Buffer) }}}
	err := fs.WalkDir(files, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		dir := path.Dir(p)
		if dir == "templates/layouts" || dir == "templates/partials" {
			return nil
		}
		page, err := template.Must(base.Clone()).ParseFS(files, p)
		if err != nil {
			return err
		}
		r.pages[strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")] = page
		return nil
	})
	return r, err
}

// Render writes the page with status, inside the base layout.
func (r *Renderer) Render(c *fiber.Ctx, status int, name string, data any) error {
	page, ok := r.pages[name]
	if !ok {
		return fmt.Errorf("render: no page %q", name)
	}
	buf := r.pool.Get().(*bytes.Buffer)
	defer func() { buf.Reset(); r.pool.Put(buf) }()
	if err := page.ExecuteTemplate(buf, "base", data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	c.Status(status).Type("html", "utf-8")
	return c.Send(bytes.Clone(buf.Bytes()))
}

// Pages lists the page names (for tests).
func (r *Renderer) Pages() []string {
	out := make([]string, 0, len(r.pages))
	for name := range r.pages {
		out = append(out, name)
	}
	return out
}

var funcs = template.FuncMap{
	"roleKey": func(r identity.Role) string { return "role." + string(r) },
	"add":     func(a, b int) int { return a + b },
	// pair passes the page's view and one item to a partial template as .V and .P.
	"pair": func(v, p any) map[string]any { return map[string]any{"V": v, "P": p} },
	"list": func(items ...string) []string { return items },
	"div":  func(a, b int) int { return (a + b - 1) / max(b, 1) },
	// percent is a/b as a whole percentage (0 when b is 0).
	"percent": func(a, b int) int { return 100 * a / max(b, 1) },
	"round":   func(x float64) int { return int(math.Round(x)) },
	"mul100":  func(x float64) float64 { return 100 * x },
	// deref reads a pointer to a time or a number; nil gives the zero value.
	"deref": func(p any) any {
		switch v := p.(type) {
		case *time.Time:
			if v == nil {
				return time.Time{}
			}
			return *v
		case *float64:
			if v == nil {
				return 0.0
			}
			return *v
		case *bool:
			return v != nil && *v
		}
		return p
	},
}

// View is what every page template gets: the language, the signed-in person, the CSRF
// token for forms, and the page's own data. Templates call {{.T "key"}}.
type View struct {
	Locale
	User      *identity.User
	CSRF      string
	Path      string
	Return    string // the path and query the language switch returns to
	Title     string
	Notice    string
	Form      *Form
	Data      any
	Languages []string
	// Zone is the time zone times of day are shown in: the organisation the page is about.
	// When a handler leaves it nil, it is the signed-in person's organisation's, read on
	// the first time shown (UTC for someone without an organisation).
	Zone     *time.Location
	loadZone func() *time.Location
}

// DateTime formats a moment in the page's language and time zone (see Zone).
func (v *View) DateTime(t time.Time) string {
	return v.Locale.DateTimeIn(t, v.Location())
}

// Location is the page's time zone (see Zone).
func (v *View) Location() *time.Location {
	if v.Zone == nil && v.loadZone != nil {
		v.Zone = v.loadZone()
	}
	if v.Zone == nil {
		v.Zone = time.UTC
	}
	return v.Zone
}

// Form carries what a person typed and what is wrong with it, for re-displaying a form.
type Form struct {
	Values map[string]string
	Errors []FieldMessage
}

// FieldMessage is one translated problem with one field.
type FieldMessage struct {
	Field   string
	Message string
}

// Value returns what was typed into field.
func (f *Form) Value(field string) string {
	if f == nil {
		return ""
	}
	return f.Values[field]
}

// Error returns the message for field, or "".
func (f *Form) Error(field string) string {
	if f == nil {
		return ""
	}
	for _, e := range f.Errors {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// HasErrors reports whether the form has any problem.
func (f *Form) HasErrors() bool { return f != nil && len(f.Errors) > 0 }

// Num formats a number (float64, *float64 or int) in the page's language; a nil pointer is
// an en dash.
func (v *View) Num(x any, decimals int) string {
	switch n := x.(type) {
	case float64:
		return v.Number(n, decimals)
	case *float64:
		if n == nil {
			return "–"
		}
		return v.Number(*n, decimals)
	case int:
		return v.Number(float64(n), 0)
	}
	return "–"
}

// Signed formats a change with its sign: +12, −3.
func (v *View) Signed(x *float64, decimals int) string {
	if x == nil {
		return "–"
	}
	s := v.Number(math.Abs(*x), decimals)
	switch {
	case *x > 0:
		return "+" + s
	case *x < 0:
		return "−" + s
	}
	return s
}
