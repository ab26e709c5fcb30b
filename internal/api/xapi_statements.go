package api

import (
	"encoding/json"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
	"github.com/academy-platform/academy/internal/xapi"
)

// StatementList is the answer of GET /api/v1/xapi/statements: one page of an
// organisation's xAPI statements, oldest first, each as it was made for the LRS.
type StatementList struct {
	Statements []json.RawMessage `json:"statements"`
	NextCursor *string           `json:"next_cursor"`
}

type statementsQuery struct {
	Organisation string `json:"organisation" validate:"omitempty,uuid"`
}

// XAPIStatements answers GET /api/v1/xapi/statements: the xAPI statements of an
// organisation (?organisation=, by default the caller's) whose timestamps fall between
// ?from= and ?to=, for the organisation's administrators and platform administrators.
// Statements are kept whether or not an LRS is configured.
func (h *Handler) XAPIStatements(c *fiber.Ctx) error {
	q := statementsQuery{Organisation: c.Query("organisation")}
	if err := h.validate.Struct(q); err != nil {
		return errs.InQuery(err)
	}
	a, err := web.CurrentActor(c)
	if err != nil {
		return err
	}
	if q.Organisation == "" {
		if q.Organisation = a.OrgID; q.Organisation == "" {
			return errs.InQuery(errs.Invalid("organisation", "required", ""))
		}
	}
	// Reading what everyone in an organisation did is its administrators' business.
	if err := identity.Authorize(a, identity.Manage, identity.OrganisationResource(q.Organisation)); err != nil {
		return err
	}
	from, to, err := dateRange(c)
	if err != nil {
		return err
	}
	p, err := page(c, "xapi-statements")
	if err != nil {
		return err
	}
	items, err := h.statements.Statements(ctx(c), xapi.Query{OrganisationID: q.Organisation, Since: from, Until: to, Page: p.Page})
	if err != nil {
		return storeErr(err)
	}
	items, next := nextPage(p, items)
	out := StatementList{Statements: make([]json.RawMessage, len(items)), NextCursor: next}
	for i, it := range items {
		out.Statements[i] = it.Statement
	}
	return sendList(c, out)
}
