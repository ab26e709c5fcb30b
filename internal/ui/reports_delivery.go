package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/branding"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/reportjobs"
	"github.com/academy-platform/academy/internal/web"
)

// Delivery is what report downloads, bulk report jobs and branding need.
type Delivery struct {
	// Documents draws each report with its organisation's branding.
	Documents reportjobs.Documents
	Branding  *branding.Store
	// Jobs keeps bulk report jobs; Queue hands them to River.
	Jobs  *reportjobs.Store
	Queue reportjobs.Queue
}

// documentLang is the language a document is asked for in (?lang=), by default the
// reader's.
func documentLang(c *fiber.Ctx) (string, error) {
	lang := c.Query("lang")
	if lang == "" {
		return web.CurrentLocale(c).Lang, nil
	}
	if !web.Supported(lang) {
		return "", errs.Invalid("lang", "oneof", "es en")
	}
	return lang, nil
}

// sendDocument answers with a drawn document as a download.
func sendDocument(c *fiber.Ctx, doc reportjobs.Doc, contentType string) error {
	c.Set(fiber.HeaderContentType, contentType)
	c.Set(fiber.HeaderContentDisposition, reportjobs.Attachment(doc.Name))
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.Send(doc.Data)
}
