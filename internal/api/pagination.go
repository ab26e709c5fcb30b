package api

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/db/keyset"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
)

// Every list the API answers follows one convention, described in api/openapi.yaml
// (info.description) and docs/operations.md:
//
//   - ?limit=N returns at most N items (1 to maxLimit, default defaultLimit);
//   - the body's next_cursor is the cursor of the next page, null on the last; ?cursor=
//     asks for that page. A cursor is opaque: the list's name and the key of the last item
//     sent (keyset.Key), so a page starts where the previous one ended however many rows
//     were added or removed meanwhile, and the database reads only that page;
//   - dated lists take ?from= and ?to=, each a day (2026-03-02) or an RFC 3339 date-time;
//     both ends are included, a day up to its end;
//   - the answer carries a strong ETag over its body; If-None-Match with it answers 304
//     without a body.
//
// A query parameter that cannot be used is answered 400 (errs.InQuery), with a message per
// parameter in error.fields.
const (
	defaultLimit = 50
	maxLimit     = 200
)

// listPage is the page of one list that a request asks for.
type listPage struct {
	list  string // the list's name, sealed into its cursors
	limit int    // items to send
	// Page asks the store for one item more than limit, to know whether a next page exists.
	keyset.Page
}

// cursor is what a cursor carries, before encoding.
type cursor struct {
	List string   `json:"l"`
	Key  []string `json:"k"`
}

// page reads ?limit= and ?cursor= for the list named list.
func page(c *fiber.Ctx, list string) (listPage, error) {
	p := listPage{list: list, limit: defaultLimit}
	if raw := c.Query("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > maxLimit {
			return p, errs.InQuery(errs.Invalid("limit", "limit", strconv.Itoa(maxLimit)))
		}
		p.limit = n
	}
	p.Limit = p.limit + 1
	if raw := c.Query("cursor"); raw != "" {
		data, err := base64.RawURLEncoding.DecodeString(raw)
		var cur cursor
		if err != nil || json.Unmarshal(data, &cur) != nil || cur.List != list || len(cur.Key) == 0 {
			return p, errs.InQuery(errs.Invalid("cursor", "cursor", ""))
		}
		p.After = cur.Key
	}
	return p, nil
}

// pageKeyed is a list item that knows its place in its list's order.
type pageKeyed interface{ PageKey() []string }

// nextPage cuts items, read with p, to the page asked for and returns the cursor of the
// next page: nil on the last.
func nextPage[T pageKeyed](p listPage, items []T) ([]T, *string) {
	if len(items) <= p.limit {
		return items, nil
	}
	items = items[:p.limit]
	data, _ := json.Marshal(cursor{List: p.list, Key: items[len(items)-1].PageKey()})
	next := base64.RawURLEncoding.EncodeToString(data)
	return items, &next
}

// storeErr marks a store's refusal of a page's key (a cursor that names no place in the
// list) as a problem with the query, like every other problem with a cursor.
func storeErr(err error) error {
	if v, ok := errs.AsValidation(err); ok {
		if _, cursorProblem := v.Field("cursor"); cursorProblem {
			return errs.InQuery(v)
		}
	}
	return err
}

// dateRange reads ?from= and ?to= as [from, to): from included; to included, a day up to
// its end and a date-time up to that instant (to the microsecond, the precision times are
// stored with). Zero times leave that end open.
func dateRange(c *fiber.Ctx) (from, to time.Time, err error) {
	from, _, err = dayOrTime("from", c.Query("from"))
	if err != nil {
		return from, to, err
	}
	to, toDay, err := dayOrTime("to", c.Query("to"))
	switch {
	case err != nil:
		return from, to, err
	case to.IsZero():
	case toDay:
		to = to.AddDate(0, 0, 1)
	default:
		to = to.Truncate(time.Microsecond).Add(time.Microsecond)
	}
	if !from.IsZero() && !to.IsZero() && !to.After(from) {
		return from, to, errs.InQuery(errs.Invalid("to", "before_from", ""))
	}
	return from, to, nil
}

// dayOrTime reads a day written 2026-03-02 (day is true) or an RFC 3339 date-time; ""
// is the zero time.
func dayOrTime(field, raw string) (t time.Time, day bool, err error) {
	if raw == "" {
		return t, false, nil
	}
	if t, err = time.Parse(development.DateLayout, raw); err == nil {
		return t, true, nil
	}
	if t, err = time.Parse(time.RFC3339Nano, raw); err == nil {
		return t.UTC(), false, nil
	}
	return t, false, errs.InQuery(errs.Invalid(field, "date_or_time", ""))
}

// sendList answers a list as JSON with a strong ETag over the body, or 304 with no body
// when If-None-Match names that ETag. The answer depends on who asks, so only the caller
// may keep it, and must check it again before using it.
func sendList(c *fiber.Ctx, v any) error {
	body, err := c.App().Config().JSONEncoder(v)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(body)
	tag := `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
	c.Set(fiber.HeaderETag, tag)
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	if etagListed(c.Get(fiber.HeaderIfNoneMatch), tag) {
		c.Status(http.StatusNotModified)
		c.Response().ResetBody()
		return nil
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	return c.Send(body)
}

// etagListed reports whether an If-None-Match value names tag: "*", or a list of entity
// tags compared weakly (RFC 9110, section 13.1.2), so W/"x" matches "x".
func etagListed(header, tag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == tag {
			return true
		}
	}
	return false
}
