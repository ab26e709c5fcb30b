package assessment

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/academy-platform/academy/internal/csvsafe"
)

// ReliabilityCSVHeader is the first line of WriteReliabilityCSV.
const ReliabilityCSVHeader = "dimension,item,n,mean,sd,alpha,std_alpha,sem,item_total_r,alpha_if_deleted"

// WriteReliabilityCSV writes r as CSV (RFC 4180: comma-separated, CRLF line ends, quotes
// where needed; UTF-8): the header line ReliabilityCSVHeader, then per dimension one row with
// an empty item column and the dimension's statistics, followed by one row per item with
// its statistics (n repeats the dimension's complete cases). Missing statistics are empty
// cells; numbers are written in full precision with a decimal point.
func WriteReliabilityCSV(w io.Writer, r Reliability) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(strings.Split(ReliabilityCSVHeader, ",")); err != nil {
		return err
	}
	for _, d := range r.Dimensions {
		n := strconv.Itoa(d.N)
		if err := cw.Write([]string{csvsafe.Text(d.Slug), "", n, num(d.Mean), num(d.SD), num(d.Alpha), num(d.StdAlpha), num(d.SEM), "", ""}); err != nil {
			return err
		}
		for _, it := range d.Items {
			if err := cw.Write([]string{csvsafe.Text(d.Slug), csvsafe.Text(it.ID), n, num(it.Mean), num(it.SD), "", "", "", num(it.ItemTotalR), num(it.AlphaIfDeleted)}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func num(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}
