package ui

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/badges"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/web"
)

type cataloguePage struct {
	Entries []courses.CatalogueEntry
	Overall courses.Overall
}

// Catalogue lists the modules with the learner's progress in each.
func (h *Handler) Catalogue(c *fiber.Ctx) error {
	u := web.CurrentUser(c)
	entries, err := h.courses.Catalogue(ctx(c), u.ID)
	if err != nil {
		return err
	}
	overall, err := h.courses.Progress(ctx(c), u.ID)
	if err != nil {
		return err
	}
	return h.site.Page(c, "courses/catalogue", h.site.NewView(c, "courses.title", cataloguePage{Entries: entries, Overall: overall}))
}

type modulePage struct {
	courses.ModulePage
	Next nextStep
	// Badge is the learner's badge for the module, once completed.
	Badge *badges.Badge
}

// Module shows a module's lessons, its quiz, the learner's progress and what to do next.
func (h *Handler) Module(c *fiber.Ctx) error {
	u := web.CurrentUser(c)
	page, err := h.courses.Module(ctx(c), u.ID, c.Params("slug"))
	if err != nil {
		return err
	}
	next, ok := stepInModule(page)
	if !ok {
		catalogue, err := h.courses.Catalogue(ctx(c), u.ID)
		if err != nil {
			return err
		}
		next = nextModule(page.Module.Slug, catalogue)
	}
	mp := modulePage{ModulePage: page, Next: next}
	if page.Progress.Completed() {
		b, err := h.badges.ForModule(ctx(c), u.ID, page.Module.Slug)
		switch {
		case err == nil:
			mp.Badge = &b
		case !errors.Is(err, errs.ErrNotFound):
			return err
		}
	}
	view := h.site.NewView(c, "courses.module_title", mp)
	return h.site.Page(c, "courses/module", view)
}

// Lesson shows one lesson with its previous and next.
func (h *Handler) Lesson(c *fiber.Ctx) error {
	page, err := h.courses.Lesson(ctx(c), web.CurrentUser(c).ID, c.Params("slug"), c.Params("lesson"))
	if err != nil {
		return err
	}
	return h.site.Page(c, "courses/lesson", h.site.NewView(c, "courses.lesson_title", page))
}

// CompleteLesson marks a lesson done (again is harmless) and moves on to the next lesson,
// or back to the module after the last one.
func (h *Handler) CompleteLesson(c *fiber.Ctx) error {
	slug, lesson := c.Params("slug"), c.Params("lesson")
	if _, err := h.courses.CompleteLesson(ctx(c), web.CurrentUser(c).ID, slug, lesson); err != nil {
		return err
	}
	page, err := h.courses.Lesson(ctx(c), web.CurrentUser(c).ID, slug, lesson)
	if err != nil {
		return err
	}
	if page.Next != nil {
		return c.Redirect("/modules/"+slug+"/lessons/"+page.Next.Slug, fiber.StatusSeeOther)
	}
	return redirectDone(c, "/modules/"+slug, "lessons_done")
}
