package keyset

import (
	"slices"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/errs"
)

var events = Order{{Expr: "starts_at", Kind: Time}, {Expr: "id"}}

var logOrder = Order{{Expr: "rank", Kind: Int}, {Expr: "on_date", Kind: Time, Desc: true}, {Expr: "id", Desc: true}}

func TestKeyRoundTrip(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 30, 0, 123456000, time.FixedZone("CET", 3600))
	key := Key(0, at, "0190-b")
	if want := []string{"0", "2026-03-02T08:30:00.123456Z", "0190-b"}; !slices.Equal(key, want) {
		t.Fatalf("key %q, want %q (times in UTC with their precision)", key, want)
	}
	values, err := logOrder.Values(key)
	if err != nil {
		t.Fatal(err)
	}
	if values[0] != 0 || !values[1].(time.Time).Equal(at) || values[2] != "0190-b" {
		t.Fatalf("values %v", values)
	}
}

func TestValuesRefuseAKeyOfAnotherOrder(t *testing.T) {
	for name, key := range map[string][]string{
		"too short":      {"2026-03-02T08:30:00Z"},
		"too long":       {"2026-03-02T08:30:00Z", "a", "b"},
		"not a time":     {"yesterday", "a"},
		"a day, no time": {"2026-03-02", "a"},
	} {
		_, err := events.Values(key)
		v, ok := errs.AsValidation(err)
		if !ok {
			t.Errorf("%s: %v, want a validation error", name, err)
			continue
		}
		if _, ok := v.Field("cursor"); !ok {
			t.Errorf("%s: %v, want it on cursor", name, err)
		}
	}
	if _, err := logOrder.Values([]string{"first", "2026-03-02T08:30:00Z", "a"}); err == nil {
		t.Error("a word was read as a number")
	}
}

func TestAfterCondition(t *testing.T) {
	at := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	where, args := logOrder.after([]any{1, at, "x"})
	want := "(((rank) > ?) OR ((rank) = ? AND (on_date) < ?) OR ((rank) = ? AND (on_date) = ? AND (id) < ?))"
	if where != want {
		t.Errorf("condition\n%s\nwant\n%s", where, want)
	}
	if wantArgs := []any{1, 1, at, 1, at, "x"}; !slices.Equal(args, wantArgs) {
		t.Errorf("args %v, want %v", args, wantArgs)
	}
	if by := logOrder.orderBy(); by != "rank, on_date DESC, id DESC" {
		t.Errorf("order by %q", by)
	}
}

func TestAfterInMemory(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	// The order of log: rank up, then days down, then ids down.
	rows := [][]any{{0, day(5), "b"}, {0, day(5), "a"}, {0, day(4), "z"}, {1, day(9), "c"}}
	for i := range rows {
		for j := range rows {
			if got, want := logOrder.After(rows[j], rows[i]), j > i; got != want {
				t.Errorf("row %d after row %d: %v, want %v", j, i, got, want)
			}
		}
	}
}
