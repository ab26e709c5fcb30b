# Reference values for psychometrics_test.go, computed with R's psych::alpha.
#
# Run from this directory (needs R >= 4.2, psych 2.2.9 and jsonlite):
#
#   Rscript bfi_reference.R
#
# It reads bfi.csv (the psych/psychTools bfi data set: columns rownames,
# A1..O5, gender, education, age; empty = missing) and writes
# bfi_reference.json. For each of the five scales it recodes the
# reverse-keyed items on the 1-6 scale as 7 - x, keeps the complete cases of
# the scale's five columns, calls psych::alpha(d, check.keys = FALSE) and
# records the values to 6 decimals. The Go test recomputes all of them from
# the same CSV.

suppressPackageStartupMessages({
  library(psych)
  library(jsonlite)
})

bfi <- read.csv("bfi.csv", na.strings = "")

scales <- c("A", "C", "E", "N", "O")
reversed <- c("A1", "C4", "C5", "E1", "E2", "O2", "O5")

r6 <- function(x) round(unname(x), 6)

out <- list(
  psych_version = as.character(packageVersion("psych")),
  r_version = paste(R.version$major, R.version$minor, sep = "."),
  reversed = reversed,
  scales = list()
)

for (s in scales) {
  cols <- paste0(s, 1:5)
  d <- bfi[, cols]
  for (col in intersect(cols, reversed)) d[[col]] <- 7 - d[[col]]
  d <- na.omit(d)
  a <- psych::alpha(d, check.keys = FALSE)
  out$scales[[s]] <- list(
    items = cols,
    n = nrow(d),
    raw_alpha = r6(a$total$raw_alpha),
    std_alpha = r6(a$total$std.alpha),
    mean = r6(a$total$mean),
    sd = r6(a$total$sd),
    r_drop = r6(a$item.stats$r.drop),
    alpha_if_dropped = r6(a$alpha.drop$raw_alpha),
    item_mean = r6(a$item.stats$mean),
    item_sd = r6(a$item.stats$sd)
  )
}

writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE),
           "bfi_reference.json")
