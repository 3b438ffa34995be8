# The getopts builtin (POSIX.1-2017 XCU getopts).

#### options with and without arguments
set -- -a -b barg -c rest
while getopts ab:c opt; do echo "$opt ${OPTARG:-none}"; done
echo "OPTIND=$OPTIND"; shift $((OPTIND - 1)); echo "rest: $*"

#### grouped options and attached argument
set -- -ac -bvalue -- -a
while getopts ab:c opt; do echo "$opt ${OPTARG:-none} $OPTIND"; done
echo "end $opt $OPTIND"

#### double dash ends the options
set -- -a -- -b
while getopts ab opt; do echo "$opt"; done; echo "OPTIND=$OPTIND"

#### a non-option ends the options
set -- -a file -b
while getopts ab opt; do echo "$opt"; done; echo "OPTIND=$OPTIND"

#### a lone dash is not an option
set -- - -a
getopts a opt; echo "$? $opt $OPTIND"

#### unknown option without colon
set -- -x
getopts ab opt 2>/dev/null; echo "$? [$opt] [${OPTARG-unset}]"

#### unknown option in silent mode
set -- -x
getopts :ab opt; echo "$? [$opt] [$OPTARG]"

#### missing argument without colon
set -- -b
getopts ab: opt 2>/dev/null; echo "$? [$opt] [${OPTARG-unset}]"

#### missing argument in silent mode
set -- -b
getopts :ab: opt; echo "$? [$opt] [$OPTARG]"

#### explicit arguments instead of the positional parameters
getopts xy: opt -y val; echo "$opt $OPTARG $OPTIND"

#### resetting OPTIND starts over
set -- -a -b
getopts ab opt; echo $opt; OPTIND=1; getopts ab opt; echo $opt

#### end of options leaves question mark
set -- -a
getopts a opt; getopts a opt; echo "$? [$opt] $OPTIND"

#### error messages
## compare: stderr
set -- -x -b
getopts ab: opt; getopts ab: opt

#### usage errors
getopts 2>/dev/null; echo $?
getopts a 2>/dev/null; echo $?

#### OPTIND starts at one
echo $OPTIND

#### getopts in a typical script
set -- -v -o out.txt input1 input2
verbose=0; out=
while getopts vo: f; do
  if [ "$f" = v ]; then verbose=1; elif [ "$f" = o ]; then out=$OPTARG; else exit 2; fi
done
shift $((OPTIND - 1))
echo "verbose=$verbose out=$out files=$*"

#### getopts at the end of the options unsets OPTARG
## oracle: bash
getopts "c:" opt -c10; echo "$OPTIND $opt $OPTARG"; getopts "c:" opt -c10; echo "$? $OPTIND $opt [${OPTARG-unset}]"
