package csvsafe

import "testing"

func TestText(t *testing.T) {
	cases := map[string]string{
		"":                  "",
		"gf1":               "gf1",
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"+1":                "'+1",
		"-cmd":              "'-cmd",
		"@SUM(A1)":          "'@SUM(A1)",
		"\tx":               "'\tx",
		"\rx":               "'\rx",
		"Ana = coach":       "Ana = coach",
		"ñandú":             "ñandú",
	}
	for in, want := range cases {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}
