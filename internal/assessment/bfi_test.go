package assessment_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

// bfiTolerance is how closely the store's statistics must match psych::alpha. The
// requirement is 1e-3; the reference has 6 decimals and the computations agree to that.
const bfiTolerance = 1e-6

// bfiReference is psychometrics/testdata/bfi_reference.json, written by psych::alpha.
type bfiReference struct {
	PsychVersion string `json:"psych_version"`
	Scales       map[string]struct {
		Items          []string  `json:"items"`
		N              int       `json:"n"`
		RawAlpha       float64   `json:"raw_alpha"`
		StdAlpha       float64   `json:"std_alpha"`
		Mean           float64   `json:"mean"`
		SD             float64   `json:"sd"`
		RDrop          []float64 `json:"r_drop"`
		AlphaIfDropped []float64 `json:"alpha_if_dropped"`
		ItemMean       []float64 `json:"item_mean"`
		ItemSD         []float64 `json:"item_sd"`
	} `json:"scales"`
}

// bfiImportFile converts the bfi data set into the response import format: the rownames
// column becomes external_id, the 25 item columns stay, the demographic columns go.
func bfiImportFile(t testing.TB) ([]byte, int) {
	t.Helper()
	raw, err := os.ReadFile("psychometrics/testdata/bfi.csv")
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var keep []int
	for j, name := range records[0] {
		if name == "rownames" || len(name) == 2 && strings.ContainsRune("ACENO", rune(name[0])) {
			keep = append(keep, j)
		}
	}
	if len(keep) != 26 {
		t.Fatalf("bfi.csv has %d usable columns, want rownames and 25 items", len(keep))
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	for i, rec := range records {
		row := make([]string, len(keep))
		for k, j := range keep {
			row[k] = rec[j]
		}
		if i == 0 {
			row[0] = "external_id"
		}
		if err := w.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return out.Bytes(), len(records) - 1
}

// TestPsychometricsMatchPsychOnBFI imports the 2800 bfi respondents through the CSV
// import and checks every statistic the store computes against psych::alpha.
func TestPsychometricsMatchPsychOnBFI(t *testing.T) {
	raw, err := os.ReadFile("psychometrics/testdata/bfi_reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref bfiReference
	if err := json.Unmarshal(raw, &ref); err != nil || len(ref.Scales) != 5 {
		t.Fatalf("reference: %v (%d scales)", err, len(ref.Scales))
	}
	file, respondents := bfiImportFile(t)
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("research")
		instID := f.add(org.ID, "bfi.yaml")
		report, err := f.store.ImportResponses(f.ctx, assessment.ImportOptions{InstrumentID: instID, OrganisationID: org.ID},
			bytes.NewReader(file))
		if err != nil {
			t.Fatalf("import: %v (%+v)", err, report.Problems[:min(5, len(report.Problems))])
		}
		if report.Imported != respondents || report.Identifier != "external_id" {
			t.Fatalf("report = %+v, want %d imported", report, respondents)
		}
		for _, orgID := range []string{"", org.ID} {
			rel, err := f.store.Psychometrics(f.ctx, instID, orgID)
			if err != nil {
				t.Fatal(err)
			}
			if rel.Attempts != respondents || len(rel.Dimensions) != 5 {
				t.Fatalf("%d attempts, %d dimensions", rel.Attempts, len(rel.Dimensions))
			}
			worst := 0.0
			check := func(what string, got *float64, want float64) {
				t.Helper()
				if got == nil {
					t.Errorf("%s is null, want %v", what, want)
					return
				}
				worst = max(worst, math.Abs(*got-want))
				if math.Abs(*got-want) > bfiTolerance {
					t.Errorf("%s = %.7f, psych %.6f", what, *got, want)
				}
			}
			for _, d := range rel.Dimensions {
				want := ref.Scales[strings.ToUpper(d.Slug)]
				if d.N != want.N || d.Problem != "" || len(d.Items) != len(want.Items) {
					t.Fatalf("%s: n %d problem %q items %d; psych n %d", d.Slug, d.N, d.Problem, len(d.Items), want.N)
				}
				check(d.Slug+" alpha", d.Alpha, want.RawAlpha)
				check(d.Slug+" std alpha", d.StdAlpha, want.StdAlpha)
				check(d.Slug+" mean", d.Mean, want.Mean)
				check(d.Slug+" sd", d.SD, want.SD)
				check(d.Slug+" sem", d.SEM, want.SD*math.Sqrt(1-want.RawAlpha))
				for k, it := range d.Items {
					if it.ID != want.Items[k] {
						t.Fatalf("%s item %d is %s, want %s", d.Slug, k, it.ID, want.Items[k])
					}
					check(it.ID+" r.drop", it.ItemTotalR, want.RDrop[k])
					check(it.ID+" alpha if deleted", it.AlphaIfDeleted, want.AlphaIfDropped[k])
					check(it.ID+" mean", it.Mean, want.ItemMean[k])
					check(it.ID+" sd", it.SD, want.ItemSD[k])
				}
			}
			t.Logf("organisation %q: largest difference from psych %s: %.2g", orgID, ref.PsychVersion, worst)
		}
		// Another organisation's analysis has no data.
		rel, err := f.store.Psychometrics(f.ctx, instID, f.org("empty").ID)
		if err != nil || rel.Attempts != 0 || rel.Dimensions[0].N != 0 || rel.Dimensions[0].Alpha != nil ||
			rel.Dimensions[0].Problem != assessment.ProblemTooFewRespondents {
			t.Errorf("empty organisation: %+v %v", rel, err)
		}
		// The JSON has the documented shape.
		rel, _ = f.store.Psychometrics(f.ctx, instID, "")
		data, err := json.Marshal(rel)
		if err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{`"slug":"a"`, `"n":2709`, `"alpha":0.7037`, `"std_alpha":`, `"sem":`, `"items":[{"id":"A1","mean":`, `"item_total_r":`, `"alpha_if_deleted":`} {
			if !bytes.Contains(data, []byte(key)) {
				t.Errorf("JSON lacks %s: %.300s", key, data)
			}
		}
		var csvOut bytes.Buffer
		if err := assessment.WriteReliabilityCSV(&csvOut, rel); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(csvOut.String(), "\r\n")
		if lines[0] != assessment.ReliabilityCSVHeader || len(lines) != 1+5*6+1 || lines[len(lines)-1] != "" ||
			!strings.HasPrefix(lines[1], "a,,2709,") || !strings.HasPrefix(lines[2], "a,A1,2709,") {
			t.Errorf("CSV:\n%s", csvOut.String())
		}
		if slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, "NaN") }) {
			t.Error("CSV contains NaN")
		}
	})
}
