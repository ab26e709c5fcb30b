package ui

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/reportjobs"
	"github.com/academy-platform/academy/internal/web"
)

type jobPage struct {
	Job          reportjobs.Job
	Organisation identity.Organisation
	// Cohort is the cohort's name, "" for the whole organisation.
	Cohort string
	// SizeMB is the ZIP's size in megabytes, once done.
	SizeMB float64
	// RetentionHours is how long a ZIP stays downloadable.
	RetentionHours int
}

// RequestBulk asks for all learner reports of the organisation, or of one of its
// cohorts, as one ZIP, and shows the job's progress page.
func (h *Handler) RequestBulk(c *fiber.Ctx) error {
	org, err := h.organisation(c, reportjobs.OrganisationReportAction)
	if err != nil {
		return err
	}
	in := reportjobs.Request{OrganisationID: org.ID, CohortID: c.FormValue("cohort_id"), Lang: c.FormValue("lang"),
		RequestedBy: web.CurrentUser(c).ID}
	job, err := h.deliver.Jobs.Request(ctx(c), h.deliver.Queue, in)
	if err != nil {
		lang := in.Lang
		if !web.Supported(lang) {
			lang = web.CurrentLocale(c).Lang
		}
		page, verr := h.reportsView(c, org, lang)
		if verr != nil {
			return verr
		}
		values := map[string]string{"cohort_id": in.CohortID, "lang": in.Lang}
		return h.site.FormPage(c, "reports/org", h.site.NewView(c, "reports.title", page), values, err)
	}
	return c.Redirect("/report-jobs/"+job.ID, fiber.StatusSeeOther)
}

// reportJob loads the bulk job named in the URL if the reader may manage its organisation.
func (h *Handler) reportJob(c *fiber.Ctx) (reportjobs.Job, error) {
	job, err := h.deliver.Jobs.Job(ctx(c), c.Params("id"))
	if err != nil {
		return job, err
	}
	return job, authorize(c, reportjobs.OrganisationReportAction, identity.OrganisationResource(job.OrganisationID))
}

// ReportJob shows how far a bulk job is. The page works without JavaScript (a link checks
// again); with it, a small script refreshes the progress until the ZIP is ready.
func (h *Handler) ReportJob(c *fiber.Ctx) error {
	job, err := h.reportJob(c)
	if err != nil {
		return err
	}
	return h.jobPage(c, job, fiber.StatusOK)
}

// jobPage renders the progress page of job with status.
func (h *Handler) jobPage(c *fiber.Ctx, job reportjobs.Job, status int) error {
	org, err := h.ids.Organisation(ctx(c), job.OrganisationID)
	if err != nil {
		return err
	}
	page := jobPage{Job: job, Organisation: org, SizeMB: float64(job.Size) / (1 << 20),
		RetentionHours: int(h.deliver.Jobs.Retention().Hours())}
	if job.CohortID != nil {
		if page.Cohort, err = h.jobSubject(c, job); err != nil {
			return err
		}
	}
	return h.site.Renderer.Render(c, status, "reports/job", h.site.NewView(c, "report_job.title", page))
}

// DownloadReportJob sends a finished job's ZIP. While the job runs, or when it failed, it
// leads to the progress page; once the ZIP has expired it answers 410 with that page,
// which says so and offers to ask again.
func (h *Handler) DownloadReportJob(c *fiber.Ctx) error {
	job, err := h.reportJob(c)
	if err != nil {
		return err
	}
	if job.Status != reportjobs.Done && job.Status != reportjobs.Expired {
		return c.Redirect("/report-jobs/"+job.ID, fiber.StatusSeeOther)
	}
	job, zip, err := h.deliver.Jobs.Download(ctx(c), job.ID)
	if errors.Is(err, errs.ErrGone) {
		return h.jobPage(c, job, fiber.StatusGone)
	}
	if err != nil {
		return err
	}
	subject, err := h.jobSubject(c, job)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/zip")
	c.Set(fiber.HeaderContentDisposition, reportjobs.Attachment(h.deliver.Documents.FileName(job.Lang, "bundle", subject, "zip")))
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.SendStream(zip, int(job.Size))
}

// jobSubject is what a job covers: its cohort's name, or its organisation's.
func (h *Handler) jobSubject(c *fiber.Ctx, job reportjobs.Job) (string, error) {
	if job.CohortID != nil {
		cohort, err := h.ids.Cohort(ctx(c), *job.CohortID)
		return cohort.Name, err
	}
	org, err := h.ids.Organisation(ctx(c), job.OrganisationID)
	return org.Name, err
}
