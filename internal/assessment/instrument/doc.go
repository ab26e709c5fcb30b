// Package instrument reads and checks assessment instruments: the YAML files (built-in ones
// in seed/instruments, and organisations' own) that define a questionnaire's scale,
// dimensions with their score bands and feedback, and its Likert and situational-judgement
// (SJT) items. The format is described in shared/COMPETENCY-MODEL.md.
//
// What it promises:
//
//   - [Parse] accepts a file only if every rule holds, and otherwise reports every problem it
//     finds (not just the first), each as "file:line: reason" with the YAML line it concerns.
//     Unknown keys are errors, so a typo never silently drops a setting.
//   - A parsed [Definition] is normalised: every text is a map from language to string (a
//     one-language file may use plain strings), item types are explicit, texts are trimmed.
//     It is immutable by convention: callers must not modify it.
//   - [Definition.Hash] identifies the content, so a changed file can be told from an
//     unchanged one; the version number is not part of the hash.
//   - [ContentRules] are the extra rules Academy's built-in networking instruments obey; they
//     are separate from Parse because organisations' own instruments need not follow them.
//
// Pure code: no database, no HTTP, no package state.
package instrument
