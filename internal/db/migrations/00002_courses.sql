-- Courses: modules, lessons, versioned quizzes, quiz attempts and answers, progress.
-- Bilingual texts and lists are JSON in TEXT columns ({"es": "…", "en": "…"}). Content rows
-- are never deleted: content that leaves the files is retired (retired_at), so learners'
-- progress keeps pointing at real rows.

-- +goose Up
CREATE TABLE modules (
    id         TEXT NOT NULL PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    position   INTEGER NOT NULL,
    dimensions TEXT NOT NULL,
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL,
    retired_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE lessons (
    id            TEXT NOT NULL PRIMARY KEY,
    module_id     TEXT NOT NULL REFERENCES modules (id),
    slug          TEXT NOT NULL,
    position      INTEGER NOT NULL,
    title         TEXT NOT NULL,
    minutes       INTEGER NOT NULL,
    body_markdown TEXT NOT NULL,
    body_html     TEXT NOT NULL,
    retired_at    TIMESTAMP,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    UNIQUE (module_id, slug)
);

-- A quiz is its stable slug; what learners answer is one of its immutable versions.
CREATE TABLE quizzes (
    id             TEXT NOT NULL PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE,
    module_id      TEXT NOT NULL REFERENCES modules (id),
    latest_version INTEGER NOT NULL,
    retired_at     TIMESTAMP,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX quizzes_module_idx ON quizzes (module_id);

-- questions holds the full question set with the answer key, as JSON.
CREATE TABLE quiz_versions (
    id           TEXT NOT NULL PRIMARY KEY,
    quiz_id      TEXT NOT NULL REFERENCES quizzes (id),
    version      INTEGER NOT NULL,
    title        TEXT NOT NULL,
    pass_mark    INTEGER NOT NULL,
    max_attempts INTEGER NOT NULL,
    grading      TEXT NOT NULL,
    review       TEXT NOT NULL,
    questions    TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    UNIQUE (quiz_id, version)
);

CREATE TABLE lesson_completions (
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    lesson_id    TEXT NOT NULL REFERENCES lessons (id),
    completed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, lesson_id)
);

-- question_order is the order in which this attempt shows the questions and, within each,
-- the options: JSON [{"question": "q3", "options": ["b", "a", "c"]}, …].
CREATE TABLE quiz_attempts (
    id              TEXT NOT NULL PRIMARY KEY,
    quiz_id         TEXT NOT NULL REFERENCES quizzes (id),
    quiz_version_id TEXT NOT NULL REFERENCES quiz_versions (id),
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    number          INTEGER NOT NULL,
    started_at      TIMESTAMP NOT NULL,
    submitted_at    TIMESTAMP,
    question_order  TEXT NOT NULL,
    score           DOUBLE PRECISION,
    passed          BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (user_id, quiz_id, number)
);
-- At most one open attempt per learner and quiz.
CREATE UNIQUE INDEX quiz_attempts_open_idx ON quiz_attempts (user_id, quiz_id) WHERE submitted_at IS NULL;
CREATE INDEX quiz_attempts_version_idx ON quiz_attempts (quiz_version_id, submitted_at);

-- option_ids is a JSON array of the chosen option ids.
CREATE TABLE quiz_answers (
    attempt_id  TEXT NOT NULL REFERENCES quiz_attempts (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    option_ids  TEXT NOT NULL,
    answered_at TIMESTAMP NOT NULL,
    PRIMARY KEY (attempt_id, question_id)
);

CREATE TABLE module_completions (
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    module_id    TEXT NOT NULL REFERENCES modules (id),
    completed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, module_id)
);

-- +goose Down
DROP TABLE module_completions;
DROP TABLE quiz_answers;
DROP TABLE quiz_attempts;
DROP TABLE lesson_completions;
DROP TABLE quiz_versions;
DROP TABLE quizzes;
DROP TABLE lessons;
DROP TABLE modules;
