# R reads every output file of a 500-report corpus: readr and data.table through `zstd -dc` (neither reads zstd itself),
# gzip directly. Compared with the csv module's reading, written by the Python tests' fixture.
args <- commandArgs(trailingOnly = TRUE)
zstd_dir <- args[1]
gzip_dir <- args[2]
files <- c("reports", "sections", "active_disclosure", "applications", "review_litigation", "checks", "errors",
           "applications_wide", "active_disclosure_wide", "review_litigation_wide", "inputs", "consistency", "coverage")
text_cols <- c("report_id", "raw", "source_path", "source_sha256", "flags", "title", "text", "row_key", "agency",
               "message", "code", "agency_key", "adcode", "township_code", "evidence", "other_report_id")
failures <- 0
passed <- 0
check <- function(ok, what) {
  if (isTRUE(ok)) passed <<- passed + 1 else { failures <<- failures + 1; cat("FAIL:", what, "\n") }
}
# Row counts from the manifest without jsonlite: the line after "file" : "<name>" holds rows.
jsonlite_free_rows <- function(path, name) {
  lines <- readLines(path, encoding = "UTF-8")
  i <- grep(paste0('"file" : "', name, '"'), lines, fixed = TRUE)
  as.integer(sub('.*"rows" : ([0-9]+).*', "\\1", lines[i + 1]))
}
for (f in files) {
  zst <- file.path(zstd_dir, paste0(f, ".csv.zst"))
  gz <- file.path(gzip_dir, paste0(f, ".csv.gz"))
  n <- jsonlite_free_rows(file.path(zstd_dir, "manifest.json"), basename(zst))
  con <- pipe(paste("zstd -dc", shQuote(zst)))
  header <- strsplit(readLines(con, n = 1, encoding = "UTF-8"), ",")[[1]]
  close(con)
  types <- paste(ifelse(header %in% text_cols, "c", "?"), collapse = "")
  # README: readr::read_csv(pipe("zstd -dc out/applications.csv.zst"), col_types = ...)
  a <- readr::read_csv(pipe(paste("zstd -dc", shQuote(zst))), col_types = types, trim_ws = FALSE, progress = FALSE)
  check(nrow(a) == n, paste("readr rows", f))
  check(identical(names(a), header), paste("readr names", f))
  b <- readr::read_csv(gz, col_types = types, trim_ws = FALSE, progress = FALSE)
  check(isTRUE(all.equal(as.data.frame(a), as.data.frame(b))), paste("readr zstd == gzip", f))
  # README: data.table::fread(cmd = "zstd -dc out/applications.csv.zst", colClasses = ...)
  cls <- setNames(rep("character", sum(header %in% text_cols)), header[header %in% text_cols])
  d <- data.table::fread(cmd = paste("zstd -dc", shQuote(zst)), colClasses = cls, encoding = "UTF-8", na.strings = "")
  check(nrow(d) == n, paste("fread rows", f))
  # README: fread keeps a quote inside a text doubled ("" for ", data.table issue #4779); our files
  # quote every field that holds a quote, so undoing it is exact.
  for (col in names(d)[vapply(d, is.character, TRUE)]) {
    data.table::set(d, j = col, value = gsub('""', '"', d[[col]], fixed = TRUE))
  }
  # README: data.table::fread("out/applications.csv.gz") reads gzip itself, through R.utils
  # (Debian: r-cran-r.utils; data.table does not pull it in).
  g <- data.table::fread(gz, colClasses = cls, encoding = "UTF-8", na.strings = "")
  check(nrow(g) == n && identical(names(g), header), paste("fread gzip", f))
  for (col in intersect(header, text_cols)) {
    x <- a[[col]]; y <- d[[col]]
    check(identical(is.na(x), is.na(y)) && all(x == y, na.rm = TRUE), paste("fread == readr", f, col))
  }
  if ("value" %in% header) check(is.numeric(a$value), paste("numeric value", f))
  if ("passed" %in% header) check(is.logical(a$passed), paste("logical passed", f))
}
rep <- readr::read_csv(pipe(paste("zstd -dc", shQuote(file.path(zstd_dir, "reports.csv.zst")))),
                       col_types = readr::cols(report_id = "c", source_sha256 = "c", flags = "c"), progress = FALSE)
check("江夏区人民政府" %in% rep$agency, "Chinese text")
check(inherits(rep$publish_date, "Date"), "publish_date is a Date")
sec <- readr::read_csv(pipe(paste("zstd -dc", shQuote(file.path(zstd_dir, "sections.csv.zst")))),
                       col_types = readr::cols(.default = "c"), progress = FALSE)
check(any(grepl("\n", sec$text, fixed = TRUE)), "newlines kept in text")
check(all(nchar(sec$text) == as.integer(sec$char_count)), "char_count matches text")
# README: new applications by province and year
apps <- readr::read_csv(pipe(paste("zstd -dc", shQuote(file.path(zstd_dir, "applications.csv.zst")))),
                        col_types = readr::cols(raw = "c"), trim_ws = FALSE, progress = FALSE)
reps <- readr::read_csv(pipe(paste("zstd -dc", shQuote(file.path(zstd_dir, "reports.csv.zst")))),
                        col_types = readr::cols(.default = "c", report_year = "i"), progress = FALSE)
# (The known values are the samples': their reports are the ones read from seeds/.)
seeds <- reps[startsWith(reps$source_path, "seeds/"), ]
new <- merge(apps[apps$row_key == "new_received" & apps$column_key == "total", c("report_id", "value")],
             seeds[!is.na(seeds$province), c("report_id", "province", "report_year")])
by_province <- aggregate(value ~ province + report_year, data = new, FUN = sum)
check(sum(by_province$province != "江苏省") == 5, "new applications: five province-years besides the sample PDF's")
check(by_province$value[by_province$province == "湖北省" & by_province$report_year == 2021] == 160, "湖北省 2021: 160")
check(identical(seeds$adcode[seeds$agency == "托里县人民政府"], "654224"), "adcode stays text")
cat(sprintf("%d passed, %d failed\n", passed, failures))
quit(status = if (failures > 0) 1 else 0)
