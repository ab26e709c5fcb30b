package courses

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// lessonPart is one language file of a lesson.
type lessonPart struct {
	title       string
	minutes     int
	minutesLine int
	markdown    string
	html        string
}

// lessons reads the lesson files listed in module.yaml, in order, and reports listed
// lessons without files and files without a listing.
func (l *loader) lessons(dir, moduleFile string, refs moduleRefs) []Lesson {
	files := l.lessonFiles(dir)
	listed := map[string]bool{}
	var out []Lesson
	for i, ref := range refs.lessons {
		listed[ref.slug] = true
		lesson := Lesson{Slug: ref.slug, Title: Text{}, Markdown: Text{}, HTML: Text{}}
		var first lessonPart
		for _, lang := range languages() {
			file, ok := files[ref.slug][lang]
			if !ok {
				l.problems.add(moduleFile, ref.line, CodeMissingFile,
					"lesson %q has no %s file (expected lessons/%02d-%s.%s.md)", ref.slug, lang, i+1, ref.slug, lang)
				continue
			}
			part, ok := l.parseLesson(file, ref.slug)
			if !ok {
				continue
			}
			if lesson.Minutes == 0 {
				lesson.Minutes, first = part.minutes, part
			} else if part.minutes != lesson.Minutes {
				l.problems.add(file, part.minutesLine, CodeMismatch,
					"minutes %d differs from the other language's file (%d)", part.minutes, first.minutes)
			}
			lesson.Title[lang], lesson.Markdown[lang], lesson.HTML[lang] = part.title, part.markdown, part.html
		}
		out = append(out, lesson)
	}
	for _, slug := range sortedKeys(files) {
		if listed[slug] || !refs.listed {
			continue
		}
		for _, lang := range sortedKeys(files[slug]) {
			l.problems.add(files[slug][lang], 0, CodeUnexpected, "lesson %q is not listed in module.yaml", slug)
		}
	}
	return out
}

// lessonFiles maps each lesson slug found in dir/lessons to its file per language.
func (l *loader) lessonFiles(dir string) map[string]map[string]string {
	lessonDir := path.Join(dir, "lessons")
	files := map[string]map[string]string{}
	entries, err := fs.ReadDir(l.fsys, lessonDir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.readProblem(lessonDir, err)
		}
		return files
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		file := path.Join(lessonDir, name)
		slug, lang, ok := lessonFileName(name)
		if !ok || e.IsDir() {
			l.problems.add(file, 0, CodeUnexpected, "lesson files are named NN-slug.LANG.md (for example 01-why-giving-works.es.md)")
			continue
		}
		if !slices.Contains(languages(), lang) {
			l.problems.add(file, 0, CodeLanguage, "unknown language %q (known: %v)", lang, languages())
			continue
		}
		if files[slug] == nil {
			files[slug] = map[string]string{}
		}
		if other, dup := files[slug][lang]; dup {
			l.problems.add(file, 0, CodeDuplicate, "lesson %q in %s is also in %s", slug, lang, other)
			continue
		}
		files[slug][lang] = file
	}
	return files
}

// lessonFileName splits "NN-slug.lang.md".
func lessonFileName(name string) (slug, lang string, ok bool) {
	base, ok := strings.CutSuffix(name, ".md")
	if !ok {
		return "", "", false
	}
	dot := strings.LastIndexByte(base, '.')
	if dot < 0 {
		return "", "", false
	}
	base, lang = base[:dot], base[dot+1:]
	num, slug, ok := strings.Cut(base, "-")
	if !ok || num == "" || strings.Trim(num, "0123456789") != "" || !validSlug(slug) {
		return "", "", false
	}
	return slug, lang, true
}

// parseLesson reads one lesson file: front matter, then Markdown.
func (l *loader) parseLesson(file, slug string) (lessonPart, bool) {
	before := len(l.problems.list)
	src, err := fs.ReadFile(l.fsys, file)
	if err != nil {
		l.readProblem(file, err)
		return lessonPart{}, false
	}
	front, body, bodyLine, ok := splitFrontMatter(src)
	if !ok {
		l.problems.add(file, 1, CodeSyntax, "a lesson starts with front matter between two --- lines")
		return lessonPart{}, false
	}
	part := l.frontMatter(file, slug, front)
	if len(bytes.TrimSpace(body)) == 0 {
		l.problems.add(file, bodyLine, CodeRequired, "the lesson has no body")
		return part, false
	}
	html, issues, err := l.render.render(body)
	if err != nil {
		l.problems.add(file, bodyLine, CodeMarkdown, "%v", err)
	}
	for _, is := range issues {
		l.problems.add(file, bodyLine-1+lineOf(body, is.offset), CodeMarkdown, "%s", is.reason)
	}
	part.markdown, part.html = strings.TrimSpace(string(body)), html
	return part, len(l.problems.list) == before
}

// frontMatter reads a lesson's slug, title and minutes.
func (l *loader) frontMatter(file, slug string, front []byte) lessonPart {
	r := reader{fileProblems{all: &l.problems, file: file, offset: 1}}
	var part lessonPart
	root, ok := r.parseYAML(front)
	if !ok {
		return part
	}
	f, ok := r.mapping(root, "front matter", "slug", "title", "minutes")
	if !ok {
		return part
	}
	if n := r.require(f, "slug", "front matter"); n != nil {
		if got, ok := r.slug(n, "slug"); ok && got != slug {
			r.add(n.Line, CodeMismatch, "slug %q does not match the file name and module.yaml (%q)", got, slug)
		}
	}
	if n := r.require(f, "title", "front matter"); n != nil {
		part.title, _ = r.scalar(n, "title")
	}
	if n := r.require(f, "minutes", "front matter"); n != nil {
		part.minutesLine = n.Line + 1
		if v, ok := r.integer(n, "minutes"); ok && (v < 1 || v > 240) {
			r.add(n.Line, CodeInvalid, "minutes must be between 1 and 240, not %d", v)
		} else {
			part.minutes = v
		}
	}
	return part
}

// splitFrontMatter separates "---\nYAML\n---\nbody". bodyLine is the file line where the
// body starts.
func splitFrontMatter(src []byte) (front, body []byte, bodyLine int, ok bool) {
	lines := bytes.SplitAfter(src, []byte("\n"))
	if len(lines) == 0 || string(bytes.TrimSpace(lines[0])) != "---" {
		return nil, nil, 0, false
	}
	offset := len(lines[0])
	for i := 1; i < len(lines); i++ {
		if string(bytes.TrimSpace(lines[i])) == "---" {
			return src[len(lines[0]):offset], src[offset+len(lines[i]):], i + 2, true
		}
		offset += len(lines[i])
	}
	return nil, nil, 0, false
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
