package xapi

import (
	"net/url"

	"github.com/academy-platform/academy/internal/activity"
)

// Version is the xAPI version of every statement and request.
const Version = "1.0.3"

// Verbs. Completing, passing and failing are ADL's; setting and achieving a goal and
// logging an action have no well-known verb, so Academy names them under its own address
// ({base}/xapi/verbs/…).
const (
	VerbCompleted = "http://adlnet.gov/expapi/verbs/completed"
	VerbPassed    = "http://adlnet.gov/expapi/verbs/passed"
	VerbFailed    = "http://adlnet.gov/expapi/verbs/failed"
	verbSet       = "/xapi/verbs/set"
	verbAchieved  = "/xapi/verbs/achieved"
	verbLogged    = "/xapi/verbs/logged"
)

// Activity types. Lessons, modules, quizzes and assessments use ADL's types; goals and
// action-log entries Academy's ({base}/xapi/activity-types/…).
const (
	TypeLesson     = "http://adlnet.gov/expapi/activities/lesson"
	TypeModule     = "http://adlnet.gov/expapi/activities/module"
	TypeAssessment = "http://adlnet.gov/expapi/activities/assessment"
	typeGoal       = "/xapi/activity-types/goal"
	typeAction     = "/xapi/activity-types/action"
	typeActionType = "/xapi/activity-types/action-type"
)

// activityType maps an activity.Object type to its activity type IRI; a path is under the
// base URL.
var activityTypes = map[string]string{
	"lesson":      TypeLesson,
	"module":      TypeModule,
	"quiz":        TypeAssessment,
	"assessment":  TypeAssessment,
	"goal":        typeGoal,
	"action":      typeAction,
	"action-type": typeActionType,
}

// verbOf names the verb of an event, and its key in the message catalogs
// (xapi.verb.<key>).
func verbOf(e activity.Event) (iri, key string, ok bool) {
	switch e.Kind {
	case activity.LessonCompleted, activity.ModuleCompleted, activity.AssessmentCompleted:
		return VerbCompleted, "completed", true
	case activity.QuizSubmitted:
		if e.Score != nil && e.Score.Passed != nil && *e.Score.Passed {
			return VerbPassed, "passed", true
		}
		return VerbFailed, "failed", true
	case activity.GoalSet:
		return verbSet, "set", true
	case activity.GoalAchieved:
		return verbAchieved, "achieved", true
	case activity.ActionLogged:
		return verbLogged, "logged", true
	}
	return "", "", false
}

// ActivityID is the IRI of an Academy object: {base}/xapi/activities/{type}/{id}.
func ActivityID(baseURL, objectType, id string) string {
	return baseURL + "/xapi/activities/" + url.PathEscape(objectType) + "/" + url.PathEscape(id)
}

// DimensionExtension is the IRI of the result extension that holds an assessment's
// 0–100 score in one dimension: {base}/xapi/extensions/dimension/{slug}.
func DimensionExtension(baseURL, dimension string) string {
	return baseURL + "/xapi/extensions/dimension/" + url.PathEscape(dimension)
}

// absolute puts an Academy path under the base URL and leaves full IRIs alone.
func absolute(baseURL, iri string) string {
	if len(iri) > 0 && iri[0] == '/' {
		return baseURL + iri
	}
	return iri
}
