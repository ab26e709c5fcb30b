package courses

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Built-in content rules (see the course format).
const (
	minLessons   = 3
	minQuestions = 6
	maxOptions   = 26
)

// loader reads one content folder.
type loader struct {
	fsys     fs.FS
	problems problems
	render   *renderer
	lines    map[string]moduleLines // by module folder
}

// moduleLines are the lines of the values that must be unique across modules.
type moduleLines struct{ slug, order, quizSlug int }

// Load reads every module folder at the root of fsys (for the built-in content,
// fs.Sub(seed.Files, "courses")) and returns the modules in catalogue order, with lesson
// bodies rendered to sanitised HTML. Files at the root and names starting with "." are
// ignored.
//
// Load checks everything it reads. If anything is wrong it returns a *LoadError listing
// every problem, each as "file:line: reason", and no content.
func Load(fsys fs.FS) (Content, error) {
	l := &loader{fsys: fsys, render: newRenderer(), lines: map[string]moduleLines{}}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return Content{}, fmt.Errorf("read course content: %w", err)
	}
	var modules []Module
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		modules = append(modules, l.module(e.Name()))
	}
	if len(modules) == 0 && len(l.problems.list) == 0 {
		l.problems.add(".", 0, CodeRequired, "no module folders found")
	}
	l.checkUnique(modules)
	if err := l.problems.err(); err != nil {
		return Content{}, err
	}
	slices.SortFunc(modules, func(a, b Module) int { return a.Position - b.Position })
	return Content{Modules: modules}, nil
}

// module reads one module folder, reporting its problems.
func (l *loader) module(dir string) Module {
	file := path.Join(dir, "module.yaml")
	src, err := fs.ReadFile(l.fsys, file)
	if err != nil {
		l.readProblem(file, err)
		return Module{Dir: dir}
	}
	m, refs := l.parseModule(file, src)
	m.Dir = dir
	if _, name, _ := strings.Cut(dir, "-"); m.Slug != "" && name != m.Slug {
		l.problems.add(file, refs.slugLine, CodeMismatch, "slug %q does not match the folder name %q (expected NN-%s)", m.Slug, dir, m.Slug)
	}
	m.Lessons = l.lessons(dir, file, refs)
	l.checkEntries(dir)
	lines := moduleLines{slug: refs.slugLine, order: refs.orderLine}
	quizFile := path.Join(dir, "quiz.yaml")
	if src, err := fs.ReadFile(l.fsys, quizFile); err != nil {
		l.readProblem(quizFile, err)
	} else {
		m.Quiz, lines.quizSlug = l.parseQuiz(quizFile, src)
	}
	l.lines[dir] = lines
	return m
}

// checkEntries reports files in a module folder that the format does not have.
func (l *loader) checkEntries(dir string) {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		l.readProblem(dir, err)
		return
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "."):
		case name == "module.yaml" || name == "quiz.yaml":
		case name == "lessons" && e.IsDir():
		default:
			l.problems.add(path.Join(dir, name), 0, CodeUnexpected, "unexpected file: a module folder has module.yaml, quiz.yaml and lessons/")
		}
	}
}

// readProblem reports a file that cannot be read.
func (l *loader) readProblem(file string, err error) {
	if errors.Is(err, fs.ErrNotExist) {
		l.problems.add(file, 0, CodeMissingFile, "file is missing")
		return
	}
	l.problems.add(file, 0, CodeSyntax, "cannot read: %v", err)
}

// checkUnique reports module slugs, positions and quiz slugs used by two modules.
func (l *loader) checkUnique(modules []Module) {
	slugs, positions, quizzes := map[string]string{}, map[int]string{}, map[string]string{}
	for _, m := range modules {
		file, lines := path.Join(m.Dir, "module.yaml"), l.lines[m.Dir]
		if other, dup := slugs[m.Slug]; dup && m.Slug != "" {
			l.problems.add(file, lines.slug, CodeDuplicate, "module slug %q is also used by %s", m.Slug, other)
		}
		if other, dup := positions[m.Position]; dup && m.Position != 0 {
			l.problems.add(file, lines.order, CodeDuplicate, "order %d is also used by %s", m.Position, other)
		}
		if other, dup := quizzes[m.Quiz.Slug]; dup && m.Quiz.Slug != "" {
			l.problems.add(path.Join(m.Dir, "quiz.yaml"), lines.quizSlug, CodeDuplicate, "quiz slug %q is also used by %s", m.Quiz.Slug, other)
		}
		slugs[m.Slug], positions[m.Position], quizzes[m.Quiz.Slug] = m.Dir, m.Dir, m.Dir
	}
}
