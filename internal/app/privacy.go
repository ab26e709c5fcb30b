package app

import (
	"github.com/academy-platform/academy/internal/privacy"
)

// newPrivacy wires people's rights over their data: the download of a person's data and
// their erasure. Every domain that keeps data about people contributes its part here, one
// line each: its section of the download (ExportUser) and what it erases (EraseUser), in
// the erasure's one transaction. Identity comes first in the download (the profile) and
// last in the erasure (the account itself), by privacy.New.
func (a *App) newPrivacy() (*privacy.Service, error) {
	return privacy.New(a.db, a.ids,
		privacy.Section("courses", a.courses.ExportUser, nil),
		privacy.Section("assessments", a.asmt.ExportUser, a.asmt.EraseUser),
		privacy.Section("development", a.dev.ExportUser, a.dev.EraseUser),
		privacy.Section("xapi_statements", a.statements.ExportUser, a.statements.EraseUser),
		privacy.Section("badges", a.badges.ExportUser, a.badges.EraseUser),
		privacy.Eraser("report_zips", a.delivery.Jobs.EraseUser),
	)
}
