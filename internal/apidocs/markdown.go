package apidocs

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
)

// texts renders the contract's descriptions; one is made per Parse.
type texts struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

func newTexts() *texts { return &texts{md: goldmark.New(), policy: bluemonday.UGCPolicy()} }

// markdown renders a description of the contract (CommonMark) as sanitised HTML. A text of
// one paragraph loses its <p>, so it can sit in a table cell or after a heading's words.
func (t *texts) markdown(src string) template.HTML {
	src = strings.TrimSpace(src)
	if src == "" {
		return ""
	}
	var buf bytes.Buffer
	if err := t.md.Convert([]byte(src), &buf); err != nil {
		return template.HTML(template.HTMLEscapeString(src))
	}
	out := strings.TrimSpace(t.policy.Sanitize(buf.String()))
	if inner, ok := strings.CutPrefix(out, "<p>"); ok && strings.HasSuffix(inner, "</p>") && !strings.Contains(inner, "<p>") {
		out = strings.TrimSuffix(inner, "</p>")
	}
	return template.HTML(out) // sanitised above
}
