package courses

import (
	"sync"
	"time"

	"gorm.io/gorm"
)

// DefaultContentTTL is how long a Store reuses the catalogue (modules, lesson totals,
// active quizzes) before reading it again. Content changes only when it is seeded, which
// clears the cache of the Store that seeds; other instances see the new content within
// this time.
const DefaultContentTTL = 30 * time.Second

// WithContentTTL sets how long the catalogue is reused; 0 reads it on every request.
func WithContentTTL(d time.Duration) StoreOption {
	return func(s *Store) { s.content.ttl = d }
}

// catalogueContent is the part of a snapshot that does not depend on learners. It is
// shared between requests: read it, never change it.
type catalogueContent struct {
	modules []moduleRow // active, in catalogue order
	lessons map[string]lessonTotals
	quizzes map[string]quizSettings // active quiz by module id
}

// contentCache keeps the last catalogue read, for ttl. Every page that shows progress
// needs the catalogue; reading and decoding it was most of a learner home page's cost.
type contentCache struct {
	ttl    time.Duration
	mu     sync.Mutex
	cached *catalogueContent
	readAt time.Time
}

// get returns the cached catalogue while it is fresh, else reads it with read.
func (c *contentCache) get(now time.Time, read func() (*catalogueContent, error)) (*catalogueContent, error) {
	c.mu.Lock()
	cached, readAt := c.cached, c.readAt
	c.mu.Unlock()
	if cached != nil && now.Sub(readAt) < c.ttl {
		return cached, nil
	}
	fresh, err := read()
	if err != nil {
		return nil, err
	}
	if c.ttl > 0 {
		c.mu.Lock()
		c.cached, c.readAt = fresh, now
		c.mu.Unlock()
	}
	return fresh, nil
}

// clear forgets the cached catalogue (after seeding).
func (c *contentCache) clear() {
	c.mu.Lock()
	c.cached = nil
	c.mu.Unlock()
}

// readCatalogue reads the active modules, their lesson totals and their active quizzes.
func readCatalogue(tx *gorm.DB) (*catalogueContent, error) {
	cc := &catalogueContent{lessons: map[string]lessonTotals{}, quizzes: map[string]quizSettings{}}
	if err := tx.Where("retired_at IS NULL").Order("position, slug").Find(&cc.modules).Error; err != nil {
		return nil, err
	}
	var totals []lessonTotals
	err := tx.Table("lessons").Select("module_id, COUNT(*) AS lessons, SUM(minutes) AS minutes").
		Where("retired_at IS NULL").Group("module_id").Scan(&totals).Error
	if err != nil {
		return nil, err
	}
	for _, t := range totals {
		cc.lessons[t.ModuleID] = t
	}
	quizzes, err := activeQuizzes(tx)
	if err != nil {
		return nil, err
	}
	for _, q := range quizzes {
		cc.quizzes[q.ModuleID] = q
	}
	return cc, nil
}
