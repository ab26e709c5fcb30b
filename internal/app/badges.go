package app

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/badges"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// newBadges builds the badge store: credentials under the public address, issuer keys
// sealed with the installation secret.
func newBadges(ctx context.Context, cfg Config, gdb *gorm.DB, ids *identity.Store) (*badges.Store, error) {
	secret, err := ids.SigningKey(ctx)
	if err != nil {
		return nil, err
	}
	return badges.NewStore(gdb, badges.Config{BaseURL: cfg.BaseURL, Secret: secret})
}

// Badges exposes the badge store, for commands and tests.
func (a *App) Badges() *badges.Store { return a.badges }

// loadBadgeCatalogue tells the badge store what each module's badge states: the module's
// names and summary, how it is earned, and the competency-model dimensions it develops
// (names and descriptions from the built-in self-assessment), in every language.
func (a *App) loadBadgeCatalogue(ctx context.Context) error {
	dims, err := a.competencyModel(ctx)
	if err != nil {
		return err
	}
	modules, err := a.courses.Catalogue(ctx, "")
	if err != nil {
		return err
	}
	cat := badges.Catalogue{Achievements: map[string]badges.Achievement{}, Framework: badges.Text{},
		Criteria: badges.Text{}, Dimensions: dims}
	for _, lang := range web.Languages {
		lo := a.site.Catalog.Locale(lang)
		cat.Framework[lang] = lo.T("badges.credential.framework")
		cat.Criteria[lang] = lo.T("badges.credential.criteria_generic")
	}
	for _, m := range modules {
		ach, err := a.achievement(ctx, m.Module, dims)
		if err != nil {
			return err
		}
		cat.Achievements[m.Module.Slug] = ach
	}
	a.badges.UseCatalogue(cat)
	return nil
}

// achievement describes one module as a badge's achievement.
func (a *App) achievement(ctx context.Context, m courses.ModuleInfo, model []badges.Dimension) (badges.Achievement, error) {
	ach := badges.Achievement{Slug: m.Slug, Name: badges.Text(m.Title), Description: badges.Text(m.Summary), Criteria: badges.Text{}}
	passMark := 0
	if m.QuizSlug != "" {
		page, err := a.courses.Module(ctx, "", m.Slug)
		if err != nil {
			return ach, err
		}
		if page.Quiz != nil {
			passMark = page.Quiz.PassMark
		}
	}
	for _, lang := range web.Languages {
		lo := a.site.Catalog.Locale(lang)
		if passMark > 0 {
			ach.Criteria[lang] = lo.T("badges.credential.criteria", "Lessons", m.Lessons, "Module", m.Title.In(lang), "PassMark", passMark)
		} else {
			ach.Criteria[lang] = lo.T("badges.credential.criteria_no_quiz", "Lessons", m.Lessons, "Module", m.Title.In(lang))
		}
	}
	for _, slug := range m.Dimensions {
		for _, d := range model {
			if d.Slug == slug {
				ach.Dimensions = append(ach.Dimensions, d)
			}
		}
	}
	return ach, nil
}

// competencyModel is the dimensions of the built-in self-assessment, in order: the
// competency model badges align with.
func (a *App) competencyModel(ctx context.Context) ([]badges.Dimension, error) {
	versions, err := a.asmt.InstrumentVersions(ctx, "", development.DefaultSelfInstrument)
	if errors.Is(err, errs.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	def, err := a.asmt.Definition(ctx, versions[0].ID)
	if err != nil {
		return nil, fmt.Errorf("competency model: %w", err)
	}
	out := make([]badges.Dimension, 0, len(def.Dimensions))
	for _, d := range def.Dimensions {
		out = append(out, badges.Dimension{Slug: d.Slug, Name: text(d.Name), Description: text(d.Description)})
	}
	return out, nil
}

func text(t instrument.Text) badges.Text { return badges.Text(t) }
