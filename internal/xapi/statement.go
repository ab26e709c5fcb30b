package xapi

// The parts of an xAPI 1.0.3 statement that Academy writes. Field names follow the
// specification; optional parts are omitted when empty.

// Statement is one xAPI statement.
type Statement struct {
	ID        string   `json:"id"`
	Actor     Agent    `json:"actor"`
	Verb      Verb     `json:"verb"`
	Object    Activity `json:"object"`
	Result    *Result  `json:"result,omitempty"`
	Context   *Context `json:"context,omitempty"`
	Timestamp string   `json:"timestamp"`
	Version   string   `json:"version"`
}

// Agent is the learner, identified by exactly one of an account or an mbox.
type Agent struct {
	ObjectType string   `json:"objectType"`
	Mbox       string   `json:"mbox,omitempty"`
	Account    *Account `json:"account,omitempty"`
}

// Account is an account on a system: Academy's public address and the person's id.
type Account struct {
	HomePage string `json:"homePage"`
	Name     string `json:"name"`
}

// LanguageMap maps language tags (BCP 47) to text.
type LanguageMap map[string]string

// Verb is what the learner did.
type Verb struct {
	ID      string      `json:"id"`
	Display LanguageMap `json:"display,omitempty"`
}

// Activity is what the learner did it to.
type Activity struct {
	ObjectType string      `json:"objectType"`
	ID         string      `json:"id"`
	Definition *Definition `json:"definition,omitempty"`
}

// Definition describes an activity.
type Definition struct {
	Name LanguageMap `json:"name,omitempty"`
	Type string      `json:"type,omitempty"`
}

// Result is the outcome: a score, success, completion and extensions.
type Result struct {
	Score      *Score         `json:"score,omitempty"`
	Success    *bool          `json:"success,omitempty"`
	Completion *bool          `json:"completion,omitempty"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// Score is a result's score; Scaled is in -1…1 and Raw between Min and Max.
type Score struct {
	Scaled *float64 `json:"scaled,omitempty"`
	Raw    *float64 `json:"raw,omitempty"`
	Min    *float64 `json:"min,omitempty"`
	Max    *float64 `json:"max,omitempty"`
}

// Context places the statement: the platform and the activity's parent.
type Context struct {
	Platform          string             `json:"platform,omitempty"`
	ContextActivities *ContextActivities `json:"contextActivities,omitempty"`
}

// ContextActivities are the activities around the object.
type ContextActivities struct {
	Parent []Activity `json:"parent,omitempty"`
}
