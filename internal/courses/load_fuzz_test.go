package courses

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/academy-platform/academy/seed"
)

// FuzzLoadQuiz: a module whose quiz.yaml is any bytes loads or fails with problems, never
// panics.
func FuzzLoadQuiz(f *testing.F) {
	modules, err := fs.Sub(seed.Files, "courses")
	if err != nil {
		f.Fatal(err)
	}
	base := fstest.MapFS{}
	err = fs.WalkDir(modules, "01-networking-is-giving", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(modules, p)
		base[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(base["01-networking-is-giving/quiz.yaml"].Data)
	f.Add([]byte("slug: x\nquestions: [{id: q1, type: single, options: [{correct: yes}]}]\n"))
	f.Fuzz(func(t *testing.T, quiz []byte) {
		files := fstest.MapFS{}
		for k, v := range base {
			files[k] = v
		}
		files["01-networking-is-giving/quiz.yaml"] = &fstest.MapFile{Data: quiz}
		_, _ = Load(files)
	})
}
