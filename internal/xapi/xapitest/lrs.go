// Package xapitest is a learning record store for tests: it takes statements the way an
// xAPI 1.0.3 LRS does (POST {endpoint}/statements, each id stored once, a batch stored
// whole or not at all) and can be made to fail: error answers, slow answers, or no
// answer at all (nothing listening).
package xapitest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/xapi"
)

// LRS is a learning record store on a loopback port.
type LRS struct {
	t        testing.TB
	addr     string
	username string
	password string

	mu       sync.Mutex
	srv      *http.Server
	stored   map[string]json.RawMessage
	posts    int // requests that reached the handler
	received int // statements in those requests, repeats included
	faults   []fault
	reject   map[string]bool
	problems []string
}

// fault is what the next request gets instead of a normal answer: an error status, or
// a delay before the normal answer.
type fault struct {
	status int
	delay  time.Duration
}

// New starts an LRS that expects HTTP Basic authentication with username and password
// (none when username is "") and stops it when the test ends.
func New(t testing.TB, username, password string) *LRS {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := &LRS{t: t, addr: ln.Addr().String(), username: username, password: password,
		stored: map[string]json.RawMessage{}, reject: map[string]bool{}}
	l.serve(ln)
	t.Cleanup(l.Down)
	return l
}

// Endpoint is the LRS's xAPI address.
func (l *LRS) Endpoint() string { return "http://" + l.addr + "/xapi" }

func (l *LRS) serve(ln net.Listener) {
	srv := &http.Server{Handler: http.HandlerFunc(l.handle), ReadHeaderTimeout: 5 * time.Second}
	l.mu.Lock()
	l.srv = srv
	l.mu.Unlock()
	go func() { _ = srv.Serve(ln) }()
}

// Down stops listening: connections are refused until Up.
func (l *LRS) Down() {
	l.mu.Lock()
	srv := l.srv
	l.srv = nil
	l.mu.Unlock()
	if srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		if srv.Shutdown(ctx) != nil {
			_ = srv.Close()
		}
	}
}

// Up listens again on the same address.
func (l *LRS) Up() {
	l.t.Helper()
	var ln net.Listener
	var err error
	for range 50 { // the port may take a moment to be free again
		if ln, err = net.Listen("tcp", l.addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		l.t.Fatalf("LRS up again on %s: %v", l.addr, err)
	}
	l.serve(ln)
}

// Fail answers the next n requests with status, storing nothing.
func (l *LRS) Fail(status, n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for range n {
		l.faults = append(l.faults, fault{status: status})
	}
}

// Stall makes the next n requests wait d before they are answered (and stored) normally:
// a client with a shorter timeout gives up on a request whose statements the LRS keeps.
func (l *LRS) Stall(d time.Duration, n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for range n {
		l.faults = append(l.faults, fault{delay: d})
	}
}

// Reject makes the LRS refuse, as invalid (400), any batch that holds the statement id.
func (l *LRS) Reject(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reject[id] = true
}

// Stored returns the statements the LRS holds, by id.
func (l *LRS) Stored() map[string]json.RawMessage {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make(map[string]json.RawMessage, len(l.stored))
	for k, v := range l.stored {
		out[k] = v
	}
	return out
}

// Counts returns how many requests reached the LRS and how many statements they carried,
// repeats included.
func (l *LRS) Counts() (posts, received int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.posts, l.received
}

// Problems lists what clients did against the xAPI rules: missing headers or
// credentials, invalid statements, one id twice in a batch.
func (l *LRS) Problems() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := append([]string(nil), l.problems...)
	sort.Strings(out)
	return out
}

func (l *LRS) problem(format string, args ...any) {
	l.problems = append(l.problems, fmt.Sprintf(format, args...))
}

func (l *LRS) handle(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/xapi/statements" || r.Method != http.MethodPost {
		http.NotFound(w, r)
		return
	}
	l.mu.Lock()
	var f fault
	if len(l.faults) > 0 {
		f, l.faults = l.faults[0], l.faults[1:]
	}
	l.mu.Unlock()
	if f.delay > 0 {
		time.Sleep(f.delay)
	}
	body, err := io.ReadAll(r.Body)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.posts++
	switch {
	case err != nil:
		http.Error(w, "cannot read the body", http.StatusBadRequest)
		return
	case r.Header.Get("X-Experience-API-Version") != xapi.Version:
		l.problem("X-Experience-API-Version is %q", r.Header.Get("X-Experience-API-Version"))
	case r.Header.Get("Content-Type") != "application/json":
		l.problem("Content-Type is %q", r.Header.Get("Content-Type"))
	}
	if user, pass, ok := r.BasicAuth(); l.username != "" && (!ok || user != l.username || pass != l.password) {
		l.problem("wrong credentials %q", user)
		http.Error(w, "unauthorised", http.StatusUnauthorized)
		return
	}
	if f.status != 0 {
		http.Error(w, "injected failure", f.status)
		return
	}
	l.store(w, body)
}

// store keeps a batch as a whole, like an LRS: a repeated id with the same content is
// kept once; with other content it is a conflict (409) and nothing is stored.
func (l *LRS) store(w http.ResponseWriter, body []byte) {
	var batch []json.RawMessage
	if bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")) {
		batch = []json.RawMessage{body}
	} else if err := json.Unmarshal(body, &batch); err != nil {
		l.problem("body is not a statement or a list of statements: %v", err)
		http.Error(w, "not JSON", http.StatusBadRequest)
		return
	}
	l.received += len(batch)
	ids := make([]string, len(batch))
	seen := map[string]bool{}
	for i, raw := range batch {
		if err := xapi.Validate(raw); err != nil {
			l.problem("invalid statement: %v", err)
		}
		var st struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(raw, &st)
		ids[i] = st.ID
		if seen[st.ID] {
			l.problem("statement %s twice in one batch", st.ID)
		}
		seen[st.ID] = true
		if l.reject[st.ID] {
			http.Error(w, "statement "+st.ID+" is not valid", http.StatusBadRequest)
			return
		}
		if old, ok := l.stored[st.ID]; ok && !sameJSON(old, raw) {
			http.Error(w, "statement "+st.ID+" exists with other content", http.StatusConflict)
			return
		}
	}
	for i, raw := range batch {
		l.stored[ids[i]] = append(json.RawMessage(nil), raw...)
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(ids)
}

func sameJSON(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}
