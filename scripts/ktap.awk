# Parse the KTAP/TAP results in a guest console log (awk -f ktap.awk LOG).
#
# Subtests nest by indentation (KUnit: four spaces) or by "# " prefixes
# (kselftest: run_kselftest.sh prefixes each test's own output).  Every
# leaf test case is counted; a result whose subtest has results of its own
# only counts when it fails without any failing case inside (a crash, a
# bad exit status).  A stream ("TAP version"/"KTAP version" at the top
# level) needs a plan; every plan must match the results that follow.
#
# Output, one item a line:
#   PASS|FAIL|SKIP name [# directive]    each leaf
#   ERROR message                        protocol problems (count as failures)
#   BOOT n                               leaves seen before the marker line
#   TOTAL pass fail skip
# with -v marker=REGEX: the line that ends the kernel's boot (KUnit) part.

function open_block(d) {
	open[d] = 1; plan[d] = -1; cnt[d] = 0; leaves[d] = 0; fails[d] = 0
	title[d] = last_title != "" ? last_title : "the (K)TAP at console line " NR
	last_title = ""
}

# Close the subtest at depth d and check its plan.  Only a top-level
# stream must have one (KUnit prints none for a parameterized test's cases).
function close_block(d) {
	if (!open[d])
		return
	open[d] = 0
	if (plan[d] < 0 && d == 0)
		error("no plan in " title[d])
	else if (plan[d] >= 0 && cnt[d] != plan[d])
		error(title[d] ": planned " plan[d] " tests, ran " cnt[d])
}

# Close all subtests deeper than d; their counts go to their parents.
function close_deeper(d,   i) {
	for (i = maxd; i > d; i--) {
		if (!open[i])
			continue
		close_block(i)
		if (i > 0) {
			leaves[i - 1] += leaves[i]
			fails[i - 1] += fails[i]
		}
	}
}

# A protocol error: a failure of the innermost open subtest.
function error(m,   j) {
	print "ERROR " m
	nfail++
	for (j = maxd; j >= 0; j--)
		if (open[j]) {
			fails[j]++
			break
		}
}

function leaf(kind, name) {
	print kind " " name
	if (kind == "PASS")
		npass++
	else if (kind == "SKIP")
		nskip++
	else
		nfail++
	if (!past_marker)
		nboot++
}

BEGIN { maxd = 0 }

{
	line = $0
	sub(/\r+$/, "", line)
	gsub(/\033\[[0-9;?]*[A-Za-z]|\033[c78]/, "", line)
	sub(/^\[ *[0-9]+\.[0-9]+\] /, "", line)
	if (marker != "" && line ~ marker)
		past_marker = 1
	d = 0
	for (;;) {
		if (substr(line, 1, 4) == "    ") {
			line = substr(line, 5); d++
		} else if (substr(line, 1, 2) == "# ") {
			line = substr(line, 3); d++
		} else
			break
	}
	if (d > maxd)
		maxd = d
	# Names for messages: kselftest names the (K)TAP that follows,
	# KUnit the one it is in.
	if (line ~ /^selftests: [^ ]+ [^ ]+$/)
		last_title = line
	else if (line ~ /^Subtest: / && d > 0 && open[d - 1] && title[d - 1] ~ /^the /)
		title[d - 1] = line
}

line ~ /^K?TAP version [0-9]+/ {
	if (d == 0) {
		close_deeper(-1)
		nstreams++
	} else
		close_deeper(d - 1)
	open_block(d)
	next
}

line ~ /^1\.\.[0-9]+/ {
	if (!open[d]) {
		close_deeper(d - 1)
		open_block(d)
	}
	plan[d] = line
	sub(/^1\.\./, "", plan[d])
	sub(/[^0-9].*/, "", plan[d])
	plan[d] += 0
	next
}

line ~ /^Bail out!/ {
	error("bail out: " line)
	next
}

line ~ /^(not )?ok [0-9]+/ {
	last_title = ""
	ok = line !~ /^not /
	name = line
	sub(/^(not )?ok [0-9]+ *(- )?/, "", name)
	directive = ""
	if (match(name, / # .*$/)) {
		directive = substr(name, RSTART + 3)
		name = substr(name, 1, RSTART - 1)
	} else if (match(name, /^# .*$/)) {
		directive = substr(name, 3)
		name = ""
	}
	if (!open[d])
		open_block(d)
	cnt[d]++

	kind = ok ? "PASS" : "FAIL"
	if (toupper(directive) ~ /^(SKIP|TODO)/)
		kind = "SKIP"
	label = name (directive != "" ? " # " directive : "")

	has_sub = 0
	for (i = d + 1; i <= maxd; i++)
		if (open[i])
			has_sub = 1
	if (has_sub) {
		# The summary line of a subtest: its cases are counted already.
		close_deeper(d + 1)
		close_block(d + 1)
		sl = leaves[d + 1]
		sf = fails[d + 1]
		if (sl == 0) {
			leaf(kind, label)
			sl = 1
			sf = kind == "FAIL"
		} else if (kind == "FAIL" && sf == 0) {
			leaf(kind, label " (no failing case inside)")
			sf = 1
		}
		leaves[d] += sl
		fails[d] += sf
	} else {
		leaf(kind, label)
		leaves[d]++
		fails[d] += kind == "FAIL"
	}
	next
}

END {
	close_deeper(-1)
	if (nstreams == 0)
		error("no KTAP/TAP output at all")
	print "BOOT " nboot + 0
	print "TOTAL " npass + 0 " " nfail + 0 " " nskip + 0
}
