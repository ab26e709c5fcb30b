package reportjobs

import (
	"archive/zip"
	"context"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/academy-platform/academy/internal/identity"
)

// Bundle is a ZIP of learner reports to write.
type Bundle struct {
	// OrganisationID's branding is on every report.
	OrganisationID string
	// Learners are the people whose reports the ZIP holds, in this order.
	Learners []identity.User
	Lang     string
	// Workers is how many reports are drawn at once (at least one).
	Workers int
	// Modified is the files' date in the ZIP.
	Modified time.Time
	// Progress, if set, is called with the number of reports written after each one; an
	// error from it stops the bundle.
	Progress func(done int) error
}

// WriteBundle draws the learner reports of b on b.Workers goroutines and writes them, in
// the order of b.Learners, into a ZIP on w. At most 2 × Workers documents are held at a
// time, however many learners there are. The PDFs are stored without compression: their
// content is compressed already. The first error stops everything.
func (d Documents) WriteBundle(ctx context.Context, w io.Writer, b Bundle) error {
	brand, err := d.Branding.Reports(ctx, b.OrganisationID)
	if err != nil {
		return err
	}
	names := make([]string, len(b.Learners))
	for i, u := range b.Learners {
		names[i] = d.FileName(b.Lang, "learner", u.Name, "pdf")
	}
	names = uniqueNames(names)
	d.Sources = d.Sources.WithSharedNorms() // every report of the ZIP in the same norms, read once
	zw := zip.NewWriter(w)
	err = drawInOrder(ctx, len(b.Learners), b.Workers, func(ctx context.Context, i int) ([]byte, error) {
		doc, err := d.learnerReport(ctx, b.Learners[i], b.Lang, brand)
		return doc.Data, err
	}, func(i int, doc []byte) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: names[i], Method: zip.Store, Modified: b.Modified})
		if err != nil {
			return err
		}
		if _, err := f.Write(doc); err != nil {
			return err
		}
		if b.Progress == nil {
			return nil
		}
		return b.Progress(i + 1)
	})
	if err != nil {
		return err
	}
	return zw.Close()
}

type drawn struct {
	doc []byte
	err error
}

// drawInOrder calls draw for 0..n-1 on workers goroutines and emit for each result in
// index order. No more than 2 × workers results wait for emit at any time.
func drawInOrder(ctx context.Context, n, workers int, draw func(context.Context, int) ([]byte, error), emit func(int, []byte) error) error {
	ctx, cancel := context.WithCancel(ctx)
	workers = max(1, workers)
	results := make([]chan drawn, n)
	for i := range results {
		results[i] = make(chan drawn, 1)
	}
	window := make(chan struct{}, 2*workers)
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range n {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				doc, err := draw(ctx, i)
				results[i] <- drawn{doc, err}
			}
		})
	}
	// On the way out, stop the feeder and the workers, then wait for them.
	defer func() { cancel(); wg.Wait() }()
	for i := range n {
		var r drawn
		select {
		case r = <-results[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		if r.err == nil {
			r.err = emit(i, r.doc)
		}
		if r.err != nil {
			return r.err
		}
		<-window
	}
	return nil
}

// uniqueNames makes file names unique by numbering repeats: two people of the same name
// get "ana-lopez.pdf" and "ana-lopez-2.pdf".
func uniqueNames(names []string) []string {
	seen := map[string]int{}
	out := make([]string, len(names))
	for i, name := range names {
		seen[name]++
		out[i] = name
		if k := seen[name]; k > 1 {
			dot := strings.LastIndexByte(name, '.')
			out[i] = name[:dot] + "-" + strconv.Itoa(k) + name[dot:]
			seen[out[i]]++
		}
	}
	return out
}
