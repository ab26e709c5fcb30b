package reportjobs

import (
	"context"
	"errors"
	"fmt"

	"github.com/academy-platform/academy/internal/branding"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/reports"
)

// Doc is a drawn document and the name to offer it under.
type Doc struct {
	Name string
	Data []byte
}

// Namer returns the words a file name is made of, in lang: kind is "learner",
// "certificate", "cohort", "organisation", "bundle" (a bulk job's ZIP) or a CSV export
// ("scores", "progress", "actions"); subject is whom or what the file is about.
// Documents turns them into a safe name with Filename.
type Namer func(lang, kind, subject string) string

// Documents draws the reports Academy delivers, each with the branding of the
// organisation it belongs to. The same code serves the pages, the API, the command line
// and bulk jobs. It checks no rights.
type Documents struct {
	Sources  reports.Sources
	Renderer *reports.Renderer
	Branding *branding.Store
	Names    Namer
}

// FileName is the safe name of a file of the given kind (see Namer) about subject, in
// lang, with the extension ext.
func (d Documents) FileName(lang, kind, subject, ext string) string {
	return Filename(d.Names(lang, kind, subject)+" "+lang, ext)
}

// LearnerReport draws the learner development report of learner in lang.
func (d Documents) LearnerReport(ctx context.Context, learner identity.User, lang string) (Doc, error) {
	brand, err := d.Branding.Reports(ctx, learner.OrgID())
	if err != nil {
		return Doc{}, err
	}
	return d.learnerReport(ctx, learner, lang, brand)
}

// learnerReport is LearnerReport with the organisation's branding read already, as a bulk
// job does once for all its reports.
func (d Documents) learnerReport(ctx context.Context, learner identity.User, lang string, brand *reports.Branding) (Doc, error) {
	data, err := d.Sources.LearnerReportData(ctx, learner.ID, reports.LearnerOptions{})
	if err != nil {
		return Doc{}, err
	}
	data.Organisation.Branding = brand
	pdf, err := d.Renderer.LearnerReport(data, lang)
	if err != nil {
		return Doc{}, fmt.Errorf("learner report of %s: %w", learner.ID, err)
	}
	return Doc{Name: d.FileName(lang, "learner", learner.Name, "pdf"), Data: pdf}, nil
}

// Certificate draws learner's certificate for the module moduleSlug in lang.
// errs.ErrNotFound for an unknown module and for one the learner has not completed: a
// certificate that does not exist yet is not there.
func (d Documents) Certificate(ctx context.Context, learner identity.User, moduleSlug, lang string) (Doc, error) {
	data, err := d.Sources.CertificateData(ctx, learner.ID, moduleSlug)
	if errors.Is(err, errs.ErrConflict) {
		return Doc{}, fmt.Errorf("certificate of %s for %s: %w", learner.ID, moduleSlug, errs.ErrNotFound)
	}
	if err != nil {
		return Doc{}, err
	}
	if data.Branding, err = d.Branding.Reports(ctx, learner.OrgID()); err != nil {
		return Doc{}, err
	}
	pdf, err := d.Renderer.Certificate(data, lang)
	if err != nil {
		return Doc{}, fmt.Errorf("certificate of %s for %s: %w", learner.ID, moduleSlug, err)
	}
	return Doc{Name: d.FileName(lang, "certificate", data.Module.In(lang)+" "+learner.Name, "pdf"), Data: pdf}, nil
}

// CohortReport draws the report of cohort in lang.
func (d Documents) CohortReport(ctx context.Context, cohort identity.Cohort, lang string) (Doc, error) {
	data, err := d.Sources.CohortReportData(ctx, cohort.ID)
	if err != nil {
		return Doc{}, err
	}
	if data.Organisation.Branding, err = d.Branding.Reports(ctx, cohort.OrganisationID); err != nil {
		return Doc{}, err
	}
	pdf, err := d.Renderer.CohortReport(data, lang)
	if err != nil {
		return Doc{}, fmt.Errorf("cohort report of %s: %w", cohort.ID, err)
	}
	return Doc{Name: d.FileName(lang, "cohort", cohort.Name, "pdf"), Data: pdf}, nil
}

// OrganisationReport draws the competency report of org in lang.
func (d Documents) OrganisationReport(ctx context.Context, org identity.Organisation, lang string) (Doc, error) {
	data, err := d.Sources.OrganisationReportData(ctx, org.ID)
	if err != nil {
		return Doc{}, err
	}
	if data.Organisation.Branding, err = d.Branding.Reports(ctx, org.ID); err != nil {
		return Doc{}, err
	}
	pdf, err := d.Renderer.OrganisationReport(data, lang)
	if err != nil {
		return Doc{}, fmt.Errorf("organisation report of %s: %w", org.ID, err)
	}
	return Doc{Name: d.FileName(lang, "organisation", org.Name, "pdf"), Data: pdf}, nil
}
