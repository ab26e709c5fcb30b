package ui

import (
	"errors"
	"io"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

type importPage struct {
	Organisation identity.Organisation
	Report       *identity.ImportReport
	Rows         []importRowView
	Imported     bool
	ShowLinks    bool
	BaseURL      string
}

type importRowView struct {
	identity.ImportRow
	Messages []string
	Link     string
}

// ImportForm shows the CSV upload form and the expected format.
func (h *Handler) ImportForm(c *fiber.Ctx) error {
	org, err := h.organisation(c, identity.Manage)
	if err != nil {
		return err
	}
	return h.site.Page(c, "people/import", h.site.NewView(c, "import.title", importPage{Organisation: org}))
}

// Import reads the uploaded CSV. If any row is invalid nothing is stored and the page lists
// every problem by line; otherwise everyone is imported and invited in one go.
func (h *Handler) Import(c *fiber.Ctx) error {
	org, err := h.organisation(c, identity.Manage)
	if err != nil {
		return err
	}
	data, err := uploadedFile(c, "file", identity.MaxImportBytes)
	if err != nil {
		v := h.site.NewView(c, "import.title", importPage{Organisation: org})
		return h.site.FormPage(c, "people/import", v, nil, err)
	}
	report, err := h.ids.ImportPeople(ctx(c), web.CurrentUser(c).ID, org.ID, data)
	if err != nil && !errors.Is(err, identity.ErrImportInvalid) {
		return err
	}
	lo := web.CurrentLocale(c)
	page := importPage{Organisation: org, Report: &report, Imported: err == nil, ShowLinks: !h.mail.Delivers()}
	for _, row := range report.Rows {
		rv := importRowView{ImportRow: row}
		for _, p := range row.Problems {
			rv.Messages = append(rv.Messages, lo.T("field."+p.Field)+": "+web.TranslateFieldError(lo, p))
		}
		if row.Token != "" && page.ShowLinks {
			rv.Link = h.invitationURL(row.Token)
		}
		page.Rows = append(page.Rows, rv)
	}
	if err != nil {
		return h.site.Renderer.Render(c, fiber.StatusUnprocessableEntity, "people/import", h.site.NewView(c, "import.title", page))
	}
	for _, row := range report.Rows {
		if row.Token == "" {
			continue
		}
		u := identity.User{ID: row.UserID, Email: row.Email, Name: row.Name, Locale: web.CurrentUser(c).Locale}
		if err := h.sendInvitation(c, identity.Invited{User: u, Token: row.Token}, org.Name); err != nil {
			h.log.Error("send invitation after import", "err", err, "user_id", row.UserID)
		}
	}
	return h.site.Page(c, "people/import", h.site.NewView(c, "import.title", page))
}

// uploadedFile reads one uploaded file of at most limit bytes.
func uploadedFile(c *fiber.Ctx, field string, limit int64) ([]byte, error) {
	fh, err := c.FormFile(field)
	if err != nil {
		return nil, errs.Invalid(field, "required", "")
	}
	if fh.Size > limit {
		return nil, errs.Invalid(field, "file_too_large", strconv.Itoa(int(limit>>20)))
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit+1))
}
