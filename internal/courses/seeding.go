package courses

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/identity"
)

// SeedSummary says what Seed found in the files and what it changed.
type SeedSummary struct {
	Modules, Lessons, Quizzes int // in the content files

	ModulesCreated, ModulesUpdated int
	LessonsCreated, LessonsUpdated int
	QuizzesCreated                 int
	// NewQuizVersions counts the versions added: the first version of each new quiz and a
	// new version for each changed quiz.
	NewQuizVersions int
	// Retired counts modules, lessons and quizzes that left the files in this run.
	Retired int
}

// Changed reports whether Seed wrote anything.
func (s SeedSummary) Changed() bool {
	return s.ModulesCreated+s.ModulesUpdated+s.LessonsCreated+s.LessonsUpdated+
		s.QuizzesCreated+s.NewQuizVersions+s.Retired > 0
}

// Seed loads the content folder fsys (see Load) and brings the database in line with it,
// in one transaction; if the content has any problem it returns the *LoadError and stores
// nothing. Content is matched by slug (modules and quizzes by their slug, lessons by their
// slug within their module), so Seed is idempotent:
//
//   - unchanged content writes nothing;
//   - a changed module or lesson (title, summary, position, dimensions, minutes, body) is
//     updated in place, and learners keep their progress;
//   - a quiz whose content hash changed (title, settings, questions, answer key, feedback)
//     gets a new version; attempts keep the version they were started on, new attempts use
//     the latest;
//   - nothing is ever deleted: a module, lesson or quiz that is no longer in the files is
//     retired (hidden from learners and left out of progress totals, while completions and
//     attempts that point at it stay for history). If it comes back, it is reinstated.
func (s *Store) Seed(ctx context.Context, fsys fs.FS) (SeedSummary, error) {
	content, err := Load(fsys)
	if err != nil {
		return SeedSummary{}, err
	}
	var sum SeedSummary
	err = s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		sd, err := newSeeder(tx, s.clock(), &sum)
		if err != nil {
			return err
		}
		for _, m := range content.Modules {
			if err := sd.module(m); err != nil {
				return fmt.Errorf("seed module %s: %w", m.Slug, err)
			}
		}
		return sd.retire(content)
	})
	s.content.clear()
	if err != nil {
		return SeedSummary{}, err
	}
	return sum, nil
}

// seeder holds what the database has before a Seed, keyed by slug.
type seeder struct {
	tx      *gorm.DB
	now     time.Time
	sum     *SeedSummary
	modules map[string]moduleRow
	lessons map[string]map[string]lessonRow // module id → slug → row
	quizzes map[string]quizRow
	hashes  map[string]string // quiz id → content hash of its latest version
}

func newSeeder(tx *gorm.DB, now time.Time, sum *SeedSummary) (*seeder, error) {
	sd := &seeder{tx: tx, now: now, sum: sum,
		modules: map[string]moduleRow{}, lessons: map[string]map[string]lessonRow{},
		quizzes: map[string]quizRow{}, hashes: map[string]string{}}
	var modules []moduleRow
	var lessons []lessonRow
	var quizzes []quizRow
	var latest []struct{ QuizID, ContentHash string }
	if err := tx.Find(&modules).Error; err != nil {
		return nil, err
	}
	if err := tx.Find(&lessons).Error; err != nil {
		return nil, err
	}
	if err := tx.Find(&quizzes).Error; err != nil {
		return nil, err
	}
	err := tx.Table("quiz_versions v").Select("v.quiz_id, v.content_hash").
		Joins("JOIN quizzes q ON q.id = v.quiz_id AND q.latest_version = v.version").Scan(&latest).Error
	if err != nil {
		return nil, err
	}
	for _, m := range modules {
		sd.modules[m.Slug] = m
	}
	for _, l := range lessons {
		if sd.lessons[l.ModuleID] == nil {
			sd.lessons[l.ModuleID] = map[string]lessonRow{}
		}
		sd.lessons[l.ModuleID][l.Slug] = l
	}
	for _, q := range quizzes {
		sd.quizzes[q.Slug] = q
	}
	for _, v := range latest {
		sd.hashes[v.QuizID] = v.ContentHash
	}
	return sd, nil
}

// module creates or updates one module with its lessons and quiz.
func (sd *seeder) module(m Module) error {
	sd.sum.Modules++
	row, exists := sd.modules[m.Slug]
	switch {
	case !exists:
		row = moduleRow{ID: identity.NewID(), Slug: m.Slug, Position: m.Position, Dimensions: m.Dimensions,
			Title: m.Title, Summary: m.Summary, CreatedAt: sd.now, UpdatedAt: sd.now}
		if err := sd.tx.Create(&row).Error; err != nil {
			return err
		}
		sd.sum.ModulesCreated++
	case row.Position != m.Position || !slices.Equal(row.Dimensions, m.Dimensions) ||
		!maps.Equal(row.Title, m.Title) || !maps.Equal(row.Summary, m.Summary) || row.RetiredAt != nil:
		err := sd.tx.Model(&moduleRow{}).Where("id = ?", row.ID).Updates(map[string]any{
			"position": m.Position, "dimensions": stringList(m.Dimensions), "title": m.Title,
			"summary": m.Summary, "retired_at": nil, "updated_at": sd.now}).Error
		if err != nil {
			return err
		}
		sd.sum.ModulesUpdated++
	}
	for i, l := range m.Lessons {
		if err := sd.lesson(row.ID, i+1, l); err != nil {
			return fmt.Errorf("lesson %s: %w", l.Slug, err)
		}
	}
	if err := sd.retireLessons(row.ID, m.Lessons); err != nil {
		return err
	}
	return sd.quiz(row.ID, m.Quiz)
}

// lesson creates or updates one lesson.
func (sd *seeder) lesson(moduleID string, position int, l Lesson) error {
	sd.sum.Lessons++
	row, exists := sd.lessons[moduleID][l.Slug]
	switch {
	case !exists:
		row = lessonRow{ID: identity.NewID(), ModuleID: moduleID, Slug: l.Slug, Position: position,
			Title: l.Title, Minutes: l.Minutes, BodyMarkdown: l.Markdown, BodyHTML: l.HTML,
			CreatedAt: sd.now, UpdatedAt: sd.now}
		if err := sd.tx.Create(&row).Error; err != nil {
			return err
		}
		sd.sum.LessonsCreated++
	case row.Position != position || row.Minutes != l.Minutes || !maps.Equal(row.Title, l.Title) ||
		!maps.Equal(row.BodyMarkdown, l.Markdown) || !maps.Equal(row.BodyHTML, l.HTML) || row.RetiredAt != nil:
		err := sd.tx.Model(&lessonRow{}).Where("id = ?", row.ID).Updates(map[string]any{
			"position": position, "title": l.Title, "minutes": l.Minutes, "body_markdown": l.Markdown,
			"body_html": l.HTML, "retired_at": nil, "updated_at": sd.now}).Error
		if err != nil {
			return err
		}
		sd.sum.LessonsUpdated++
	}
	return nil
}

// retireLessons retires the module's lessons that are no longer listed.
func (sd *seeder) retireLessons(moduleID string, keep []Lesson) error {
	for slug, row := range sd.lessons[moduleID] {
		listed := slices.ContainsFunc(keep, func(l Lesson) bool { return l.Slug == slug })
		if listed || row.RetiredAt != nil {
			continue
		}
		if err := sd.retireRow(&lessonRow{}, row.ID); err != nil {
			return err
		}
	}
	return nil
}

// quiz creates a quiz, or adds a version when its content changed.
func (sd *seeder) quiz(moduleID string, q Quiz) error {
	sd.sum.Quizzes++
	hash := q.Hash()
	row, exists := sd.quizzes[q.Slug]
	if !exists {
		row = quizRow{ID: identity.NewID(), Slug: q.Slug, ModuleID: moduleID, LatestVersion: 1,
			CreatedAt: sd.now, UpdatedAt: sd.now}
		if err := sd.tx.Create(&row).Error; err != nil {
			return err
		}
		sd.sum.QuizzesCreated++
		return sd.version(row.ID, 1, q, hash)
	}
	changes := map[string]any{}
	if row.ModuleID != moduleID || row.RetiredAt != nil {
		changes["module_id"], changes["retired_at"] = moduleID, nil
	}
	if sd.hashes[row.ID] != hash {
		changes["latest_version"] = row.LatestVersion + 1
		if err := sd.version(row.ID, row.LatestVersion+1, q, hash); err != nil {
			return err
		}
	}
	if len(changes) == 0 {
		return nil
	}
	changes["updated_at"] = sd.now
	return sd.tx.Model(&quizRow{}).Where("id = ?", row.ID).Updates(changes).Error
}

func (sd *seeder) version(quizID string, version int, q Quiz, hash string) error {
	v := quizVersionRow{ID: identity.NewID(), QuizID: quizID, Version: version, Title: q.Title,
		PassMark: q.PassMark, MaxAttempts: q.MaxAttempts, Grading: q.Grading, Review: q.Review,
		Questions: q.Questions, ContentHash: hash, CreatedAt: sd.now}
	if err := sd.tx.Create(&v).Error; err != nil {
		return fmt.Errorf("quiz %s version %d: %w", q.Slug, version, err)
	}
	sd.sum.NewQuizVersions++
	return nil
}

// retire retires the modules and quizzes that are no longer in the content.
func (sd *seeder) retire(content Content) error {
	modules, quizzes := map[string]bool{}, map[string]bool{}
	for _, m := range content.Modules {
		modules[m.Slug], quizzes[m.Quiz.Slug] = true, true
	}
	for slug, row := range sd.modules {
		if !modules[slug] && row.RetiredAt == nil {
			if err := sd.retireRow(&moduleRow{}, row.ID); err != nil {
				return err
			}
		}
	}
	for slug, row := range sd.quizzes {
		if !quizzes[slug] && row.RetiredAt == nil {
			if err := sd.retireRow(&quizRow{}, row.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

func (sd *seeder) retireRow(model any, id string) error {
	sd.sum.Retired++
	return sd.tx.Model(model).Where("id = ?", id).
		Updates(map[string]any{"retired_at": sd.now, "updated_at": sd.now}).Error
}
