// Package threesixty holds the pure rules of 360 feedback: which observer results may be
// shown, how relationship groups are merged, and when a gap between self and observers is a
// blind spot or a hidden strength. It imports no database and no HTTP.
//
// The anonymity rules, from the competency model:
//
//   - No observer result at all with fewer than [MinObservers] (3) observers.
//   - A relationship group (peer, manager, direct report, client) is shown on its own only
//     with at least 3 observers; smaller groups are merged into [Others].
//   - "others" must not become a back door: if it would hold 1 or 2 observers, anyone could
//     recover their mean from the overall mean and the shown groups (overall × n − Σ group
//     × nᵢ). So while "others" holds 1 or 2 observers, the smallest shown group is merged
//     into it too. Every mean shown is therefore over at least 3 observers, and so is every
//     difference between means shown. When every group ends up in "others", it equals the
//     overall mean and is not listed separately.
//
// Results carry means and counts only: the functions take individual ratings as input and
// return nothing that belongs to one observer.
package threesixty
