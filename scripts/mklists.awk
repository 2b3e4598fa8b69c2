# Check the variable lists of a kselftest Makefile the way netdev's CI
# (nipa, check_selftest) does: run with LC_ALL=C, prints one line per
# finding and exits 1 when there is any.
#
# A list is an assignment (=, :=, +=) to an upper-case variable; those whose
# value starts with $ and those named like *FLAGS*, *LIBS* or shorter than
# three characters are not lists.  A list has one item per line, each
# indented with a tab, sorted (directory depth first, then alphabetically);
# a list on several lines ends with a comment naming the variable, so that
# every item line can end with " \"; and a variable is assigned in one
# place only.

function add(name, text) {
	n[name]++
	item[name, n[name]] = text
	lnum[name, n[name]] = NR
	if (!(name in seen)) {
		seen[name] = 1
		order[++nvars] = name
	}
}

function finding(l, text) {
	printf "%s:%d: %s\n", FILENAME, l, text
	bad = 1
}

function depth(s) {
	return gsub(/\//, "/", s)
}

function check(name,    i, last, s, prev, pl, a, b) {
	last = n[name]
	if (item[name, last] ~ /^[ \t]*#/) {
		if (last == 1)
			return
		s = item[name, last]
		sub(/^[ \t]+/, "", s)
		if (length(s) > 5 && index(s, name) == 0)
			finding(lnum[name, last], name ": the closing comment does not name " name)
		last--
	} else if (last > 1) {
		finding(lnum[name, last], name ": a list on several lines must end with a comment")
	}
	prev = ""
	for (i = 1; i <= last; i++) {
		if (i > 1 && lnum[name, i] != lnum[name, i - 1] + 1)
			finding(lnum[name, i], name ": assigned again (first at line " lnum[name, 1] ")")
		s = item[name, i]
		if (substr(s, 1, 1) != "\t")
			finding(lnum[name, i], name ": item not indented with a tab")
		s = substr(s, 2)
		sub(/[ \t]*\\$/, "", s)
		if (index(s, " ") && !index(s, "$"))
			finding(lnum[name, i], name ": several items on one line: " s)
		if (s ~ /^\$/)
			continue
		if (prev != "" && !(prev < s)) {
			a = sprintf("%04d %s", depth(prev), tolower(prev))
			b = sprintf("%04d %s", depth(s), tolower(s))
			if (a > b)
				finding(lnum[name, i], name ": " s " should come before " prev)
		}
		prev = s
	}
}

{
	line = $0
	if (match(line, /^[A-Z_][A-Z0-9_]*[ \t]*(:?=|\+=)/)) {
		name = line
		sub(/[ \t]*(:?=|\+=).*/, "", name)
		val = substr(line, RLENGTH + 1)
		gsub(/^[ \t]+|[ \t]+$/, "", val)
		if (val ~ /^\$/ || length(name) < 3 || name ~ /FLAGS|LIBS/)
			cur = ""
		else {
			cur = name
			if (val != "\\")
				add(cur, "\t" val)
		}
	} else if (cur != "") {
		add(cur, line)
	}
	if (cur != "" && line !~ /\\$/)
		cur = ""
}

END {
	for (v = 1; v <= nvars; v++)
		check(order[v])
	exit bad
}
