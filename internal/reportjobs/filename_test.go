package reportjobs

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestFilename(t *testing.T) {
	cases := []struct{ in, want string }{
		{"informe de desarrollo Marta Gil es", "informe-de-desarrollo-marta-gil-es.pdf"},
		{"Núñez Ibáñez, José María", "nunez-ibanez-jose-maria.pdf"},
		{"Liderazgo · primavera", "liderazgo-primavera.pdf"},
		{"../../etc/passwd", "etc-passwd.pdf"},
		{`a"b\c/d:e*f?g<h>i|j`, "a-b-c-d-e-f-g-h-i-j.pdf"},
		{"line\r\nbreak\x00", "line-break.pdf"},
		{"Łukasz Straße 日本", "ukasz-stra-e.pdf"},
		{"  ", "academy.pdf"},
		{"...", "academy.pdf"},
		{strings.Repeat("ab-", 60), strings.TrimRight(strings.Repeat("ab-", 60)[:80], "-") + ".pdf"},
	}
	for _, c := range cases {
		if got := Filename(c.in, "pdf"); got != c.want {
			t.Errorf("Filename(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestAttachment(t *testing.T) {
	if got := Attachment("informe-es.pdf"); got != `attachment; filename="informe-es.pdf"` {
		t.Fatalf("Attachment = %s", got)
	}
	if got := Attachment(`../x"; y=z.pdf`); got != `attachment; filename="xyz.pdf"` {
		t.Fatalf("Attachment let through %s", got)
	}
}

func TestUniqueNames(t *testing.T) {
	got := uniqueNames([]string{"ana.pdf", "ana.pdf", "luis.pdf", "ana.pdf", "ana-2.pdf"})
	want := []string{"ana.pdf", "ana-2.pdf", "luis.pdf", "ana-3.pdf", "ana-2-2.pdf"}
	if !slices.Equal(got, want) {
		t.Fatalf("uniqueNames = %v, want %v", got, want)
	}
}

// TestDrawInOrder: results come out in order whatever order they are drawn in, no more
// than 2 × workers wait at any time, and an error stops the rest.
func TestDrawInOrder(t *testing.T) {
	const n, workers = 200, 4
	var inFlight, peak atomic.Int64
	var got []int
	err := drawInOrder(context.Background(), n, workers, func(_ context.Context, i int) ([]byte, error) {
		v := inFlight.Add(1)
		for p := peak.Load(); v > p && !peak.CompareAndSwap(p, v); p = peak.Load() {
		}
		time.Sleep(time.Duration(rand.IntN(300)) * time.Microsecond)
		return []byte{byte(i)}, nil
	}, func(i int, doc []byte) error {
		inFlight.Add(-1)
		if doc[0] != byte(i) {
			t.Errorf("result %d carries %d", i, doc[0])
		}
		got = append(got, i)
		return nil
	})
	if err != nil || len(got) != n || !slices.IsSorted(got) {
		t.Fatalf("err %v, %d results in order: %v", err, len(got), slices.IsSorted(got))
	}
	if p := peak.Load(); p > 2*workers {
		t.Fatalf("%d results held at once, want at most %d", p, 2*workers)
	}

	boom := errors.New("boom")
	var drawn atomic.Int64
	err = drawInOrder(context.Background(), n, workers, func(ctx context.Context, i int) ([]byte, error) {
		drawn.Add(1)
		if i == 10 {
			return nil, boom
		}
		return nil, ctx.Err()
	}, func(int, []byte) error { return nil })
	if !errors.Is(err, boom) || drawn.Load() > 10+2*workers+workers {
		t.Fatalf("err %v after drawing %d", err, drawn.Load())
	}
}
