package courses

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// linkRel is the rel attribute every link in a lesson carries.
const linkRel = "nofollow noopener"

// renderer turns lesson Markdown (CommonMark with tables) into safe HTML. It is built once
// per Load and is not safe for concurrent use.
type renderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

func newRenderer() *renderer {
	// goldmark leaves raw HTML out unless told otherwise, and drops dangerous link targets
	// (javascript:, vbscript:, data: other than images).
	md := goldmark.New(goldmark.WithExtensions(
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
	))
	// bluemonday is the last word: whatever the Markdown stage let through, only the UGC
	// subset of HTML survives: no scripts, no event handlers, no style, no forms.
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^` + linkRel + `$`)).OnElements("a")
	p.AllowAttrs("data-label").OnElements("td") // its column's heading, for tables laid out as lists on phones
	p.RequireNoFollowOnLinks(true)
	p.RewriteSrc(func(u *url.URL) {
		if u.Scheme != "" || u.Host != "" {
			*u = url.URL{} // no images from other sites
		}
	})
	return &renderer{md: md, policy: p}
}

// markdownIssue is a construct that lesson Markdown must not use, at a byte offset.
type markdownIssue struct {
	offset int
	reason string
}

// render parses src, reports forbidden constructs (raw HTML, images, links to other sites)
// and returns the body as sanitised HTML. Images are dropped (their alt text is kept) and
// every link gets rel="nofollow noopener" even when issues are reported.
func (r *renderer) render(src []byte) (string, []markdownIssue, error) {
	doc := r.md.Parser().Parse(text.NewReader(src))
	issues := r.prepare(doc, src)
	var buf bytes.Buffer
	if err := r.md.Renderer().Render(&buf, src, doc); err != nil {
		return "", issues, fmt.Errorf("render markdown: %w", err)
	}
	return strings.TrimSpace(r.policy.Sanitize(buf.String())), issues, nil
}

// prepare walks the document: it records forbidden constructs, marks links, labels each
// table cell with its column's heading and replaces images by their alt text.
func (r *renderer) prepare(doc ast.Node, src []byte) []markdownIssue {
	var issues []markdownIssue
	var images []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			issues = append(issues, markdownIssue{nodeOffset(n), "raw HTML is not allowed in lessons"})
		case *ast.Image:
			issues = append(issues, markdownIssue{nodeOffset(n), "images are not allowed in lessons"})
			images = append(images, n)
		case *ast.Link:
			if external(string(v.Destination)) {
				issues = append(issues, markdownIssue{nodeOffset(n), fmt.Sprintf("link to another site %q is not allowed", v.Destination)})
			}
			v.SetAttributeString("rel", []byte(linkRel))
		case *ast.AutoLink:
			issues = append(issues, markdownIssue{nodeOffset(n), fmt.Sprintf("link to another site %q is not allowed", v.URL(src))})
			v.SetAttributeString("rel", []byte(linkRel))
		case *extast.Table:
			labelCells(v, src)
		}
		return ast.WalkContinue, nil
	})
	for _, img := range images {
		parent := img.Parent()
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, img, c)
			c = next
		}
		parent.RemoveChild(parent, img)
	}
	return issues
}

// labelCells gives every body cell of the table its column's heading as data-label: a
// phone shows each row as a list of "heading: value" lines instead of squeezed columns.
func labelCells(table *extast.Table, src []byte) {
	var headings []string
	for row := table.FirstChild(); row != nil; row = row.NextSibling() {
		if _, header := row.(*extast.TableHeader); header {
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				headings = append(headings, strings.TrimSpace(plainText(cell, src)))
			}
			continue
		}
		i := 0
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			if i < len(headings) && headings[i] != "" {
				cell.SetAttributeString("data-label", []byte(headings[i]))
			}
			i++
		}
	}
}

// plainText is the text inside n, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// external reports whether a link target leaves the site: it has a scheme or a host.
// Character references are decoded first, as a browser would.
func external(dest string) bool {
	dest = strings.TrimSpace(html.UnescapeString(dest))
	u, err := url.Parse(dest)
	return err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") ||
		strings.Contains(strings.SplitN(dest, "/", 2)[0], ":")
}

// nodeOffset returns the byte offset in the source where n starts, as near as the AST
// tells: its own lines or segment, else its first child's, else its parent's.
func nodeOffset(n ast.Node) int {
	for cur := n; cur != nil; cur = cur.Parent() {
		if off, ok := ownOffset(cur); ok {
			return off
		}
		for c := cur.FirstChild(); c != nil; c = c.FirstChild() {
			if off, ok := ownOffset(c); ok {
				return off
			}
		}
	}
	return 0
}

func ownOffset(n ast.Node) (int, bool) {
	switch v := n.(type) {
	case *ast.Text:
		return v.Segment.Start, true
	case *ast.RawHTML:
		if v.Segments.Len() > 0 {
			return v.Segments.At(0).Start, true
		}
	default:
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start, true
		}
	}
	return 0, false
}

// lineOf returns the 1-based line of offset in src.
func lineOf(src []byte, offset int) int {
	offset = min(max(offset, 0), len(src))
	return bytes.Count(src[:offset], []byte("\n")) + 1
}
