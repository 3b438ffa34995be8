# Whole scripts of the kind people write: the features together.

#### option parsing with getopts and case
usage() { echo "usage: prog [-v] [-o FILE] ARG..." >&2; exit 2; }
verbose=0 out=-
while getopts vo: opt -v -o out.txt a b; do
  case $opt in
    v) verbose=$((verbose + 1)) ;;
    o) out=$OPTARG ;;
    *) usage ;;
  esac
done
echo "verbose=$verbose out=$out OPTIND=$OPTIND"

#### a here-document with expansions feeding a loop
name=world
cat <<EOF | while read -r greeting who; do echo "[$greeting] [$who]"; done
hello $name
bye ${name%ld}
EOF

#### configure-style feature tests
check() { if "$@" >/dev/null 2>&1; then echo "yes"; else echo "no"; fi; }
printf 'checking for true... '; check true
printf 'checking for a missing program... '; check no_such_program_here
cat > conf.h <<'EOF'
#define HAVE_X 1
EOF
grep -c HAVE conf.h

#### string manipulation with parameter expansion
path=/usr/local/lib/libfoo.so.1.2
echo "${path##*/} ${path%/*} ${path#/usr/} ${path%%.*}"
file=archive.tar.gz
echo "${file%.gz} ${file%%.*} ${#file}"

#### trap cleans up on exit
tmp=work.$$
trap 'rm -f "$tmp"; echo cleaned' EXIT
echo data > "$tmp"
cat "$tmp"

#### recursive function with local variables
fact() {
  local n=$1
  if [ "$n" -le 1 ]; then echo 1; return; fi
  local sub
  sub=$(fact $((n - 1)))
  echo $((n * sub))
}
fact 10

#### counting fields with IFS splitting
line='a:b::c'
IFS=:
set -- $line
echo $#
for f in "$@"; do printf '<%s>' "$f"; done; echo

#### set -e stops at the first failure
set -e
echo one
false
echo not-reached

#### a menu with case patterns
for item in apple Banana cherry 42 ''; do
  case $item in
    [aA]*) echo "$item: starts with a" ;;
    [[:upper:]]*) echo "$item: capital" ;;
    *[0-9]) echo "$item: number" ;;
    '') echo "(empty)" ;;
    *) echo "$item: other" ;;
  esac
done

#### eval builds a command
cmd='echo'; args='"a  b" c'
eval "$cmd $args"
x=5; eval "y=\$((x * 2))"; echo $y

#### read a file field by field
printf 'root:x:0\nuser:x:1000\n' > pw
while IFS=: read -r name _ uid; do echo "$uid $name"; done < pw

#### exec redirects the rest of the script
exec 3>log
echo to-log >&3
exec 3>&-
cat log
