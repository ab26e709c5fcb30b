package courses

import (
	"strings"
	"testing"
)

func TestRenderIsSafe(t *testing.T) {
	cases := []struct {
		name    string
		src     string
		absent  []string // must not appear in the HTML (case-insensitive)
		present []string // must appear
		issues  []int    // lines of reported issues
	}{
		{
			name:   "script block",
			src:    "Hola\n\n<script>alert(1)</script>\n",
			absent: []string{"<script", "alert(1)"}, present: []string{"<p>Hola</p>"}, issues: []int{3},
		},
		{
			name:   "inline script",
			src:    "Hola <script>alert(1)</script> adiós\n",
			absent: []string{"<script"}, issues: []int{1, 1},
		},
		{
			name:   "javascript link",
			src:    "Texto\n\n[pulsa](javascript:alert(1))\n",
			absent: []string{"javascript:"}, present: []string{"pulsa"}, issues: []int{3},
		},
		{
			name:   "encoded javascript link",
			src:    "[pulsa](jAvAsCrIpT&#58;alert(1))\n",
			absent: []string{"javascript", "alert"}, issues: []int{1},
		},
		{
			name:   "onerror attribute",
			src:    "Uno\n\ndos\n<img src=x onerror=\"alert(1)\">\n",
			absent: []string{"onerror", "<img"}, issues: []int{4},
		},
		{
			name:   "markdown image from outside",
			src:    "![un gato](https://evil.example/cat.png)\n",
			absent: []string{"<img", "evil.example"}, present: []string{"un gato"}, issues: []int{1},
		},
		{
			name:    "outside link",
			src:     "# Título\n\nLee [esto](https://evil.example/) ya.\n",
			present: []string{"<h1>Título</h1>", `href="https://evil.example/"`, `rel="nofollow noopener"`}, issues: []int{3},
		},
		{
			name:    "autolink",
			src:     "Mira <https://evil.example/>\n",
			present: []string{`rel="nofollow noopener"`}, issues: []int{1},
		},
		{
			name:    "internal link",
			src:     "Vuelve a [la lección](/modules/giving-first)\n",
			present: []string{`<a href="/modules/giving-first" rel="nofollow noopener">la lección</a>`},
		},
		{
			name:    "tables and emphasis",
			src:     "| a | b |\n|:--|--:|\n| **x** | *y* |\n\n> cita\n",
			present: []string{"<table>", `<td align="left" data-label="a"><strong>x</strong></td>`, `<td align="right" data-label="b"><em>y</em></td>`, "<blockquote>"},
		},
		{
			name:    "a heading with markup labels its column as text",
			src:     "| **Forma** | Lo que *cuesta* |\n|---|---|\n| x | y |\n",
			present: []string{`<td data-label="Forma">x</td>`, `<td data-label="Lo que cuesta">y</td>`},
		},
		{
			name:   "style and event handlers in html block",
			src:    "<div style=\"x\" onclick=\"alert(1)\">hola</div>\n",
			absent: []string{"onclick", "style"}, issues: []int{1},
		},
	}
	r := newRenderer()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			html, issues, err := r.render([]byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			lower := strings.ToLower(html)
			for _, s := range c.absent {
				if strings.Contains(lower, strings.ToLower(s)) {
					t.Errorf("HTML contains %q:\n%s", s, html)
				}
			}
			for _, s := range c.present {
				if !strings.Contains(html, s) {
					t.Errorf("HTML lacks %q:\n%s", s, html)
				}
			}
			var lines []int
			for _, is := range issues {
				lines = append(lines, lineOf([]byte(c.src), is.offset))
			}
			if len(lines) != len(c.issues) || (len(lines) > 0 && !equalInts(lines, c.issues)) {
				t.Errorf("issues on lines %v, want %v (%v)", lines, c.issues, issues)
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestSanitiserBackstop feeds HTML straight to the sanitiser, as if the Markdown stage had
// let it through.
func TestSanitiserBackstop(t *testing.T) {
	p := newRenderer().policy
	cases := []struct{ in, absent, present string }{
		{`<script>alert(1)</script>x`, "<script", "x"},
		{`<img src="https://evil.example/x.png" onerror="alert(1)">`, "evil.example", ""},
		{`<img src="x.png" onerror="alert(1)">`, "onerror", `src="x.png"`},
		{`<a href="javascript:alert(1)">l</a>`, "javascript", "l"},
		{`<a href="/modules" onclick="alert(1)">l</a>`, "onclick", `rel="nofollow"`},
		{`<a href="/m" rel="nofollow noopener">l</a>`, "", `rel="nofollow noopener"`},
		{`<a href="/m" rel="opener">l</a>`, "opener\"", `rel="nofollow"`},
		{`<p style="color:red" class="x">t</p>`, "style", "<p>t</p>"},
		{`<iframe src="https://evil.example"></iframe><form><input></form>`, "iframe", ""},
	}
	for _, c := range cases {
		out := p.Sanitize(c.in)
		if c.absent != "" && strings.Contains(strings.ToLower(out), c.absent) {
			t.Errorf("Sanitize(%s) = %s, contains %s", c.in, out, c.absent)
		}
		if !strings.Contains(out, c.present) {
			t.Errorf("Sanitize(%s) = %s, lacks %s", c.in, out, c.present)
		}
	}
}
