package xapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// lrsClient posts statements to a learning record store.
type lrsClient struct {
	cfg  LRSConfig
	http *http.Client
}

func newLRSClient(cfg LRSConfig) *lrsClient {
	return &lrsClient{cfg: cfg, http: &http.Client{Timeout: cfg.Timeout}}
}

// outcome is what became of a batch: the statements the LRS holds now, those it refused
// as invalid (id → its message), and an error that stopped the delivery.
type outcome struct {
	sent     []string
	rejected map[string]string
	err      error
}

// deliver posts a batch. When the LRS refuses a batch as a whole (400 Bad Request, 409
// Conflict, 413 Payload Too Large), the statements are posted one by one, so that one bad
// statement cannot hold up the rest: alone, 409 means the LRS already holds that id
// (sent), 400 that it will never take it (rejected).
func (c *lrsClient) deliver(ctx context.Context, batch []statementRow) outcome {
	out := outcome{rejected: map[string]string{}}
	status, msg, err := c.post(ctx, batch)
	switch {
	case err != nil:
		out.err = err
		return out
	case status/100 == 2:
		out.sent = ids(batch)
		return out
	case len(batch) > 1 && (status == http.StatusBadRequest || status == http.StatusConflict ||
		status == http.StatusRequestEntityTooLarge):
		for _, st := range batch {
			status, msg, err := c.post(ctx, []statementRow{st})
			switch {
			case err != nil:
				out.err = err
				return out
			case status/100 == 2 || status == http.StatusConflict:
				out.sent = append(out.sent, st.ID)
			case status == http.StatusBadRequest:
				out.rejected[st.ID] = msg
			default:
				out.err = lrsError(status, msg)
				return out
			}
		}
		return out
	case status == http.StatusConflict:
		out.sent = ids(batch)
	case status == http.StatusBadRequest:
		out.rejected[batch[0].ID] = msg
	default:
		out.err = lrsError(status, msg)
	}
	return out
}

// post sends statements as one JSON array to {Endpoint}/statements and returns the
// status and the start of the answer's body.
func (c *lrsClient) post(ctx context.Context, batch []statementRow) (int, string, error) {
	list := make([]json.RawMessage, len(batch))
	for i, st := range batch {
		list[i] = json.RawMessage(st.Statement)
	}
	body, err := json.Marshal(list)
	if err != nil {
		return 0, "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(c.cfg.Endpoint, "/")+"/statements",
		bytes.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Experience-API-Version", Version)
	if c.cfg.Username != "" {
		req.SetBasicAuth(c.cfg.Username, c.cfg.Password)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, "", fmt.Errorf("post statements to the LRS: %w", err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 500))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, strings.TrimSpace(string(msg)), nil
}

func lrsError(status int, msg string) error {
	return fmt.Errorf("the LRS answered %d %s: %s", status, http.StatusText(status), msg)
}

func ids(rows []statementRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}
