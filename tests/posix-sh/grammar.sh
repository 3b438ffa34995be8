# The grammar (XCU 2.4, 2.9, 2.10): reserved words, !, { }, break/continue N,
# $LINENO, syntax error messages.

#### reserved words are plain words as arguments
echo if then else fi do done case esac while until for in { } !

#### quoted reserved word is a command name
"if" 2>/dev/null; echo "st $?"

#### reserved word after a command separator
true; if true; then echo yes; fi

#### ! negates a pipeline
! false; echo $?
! true | false; echo $?
! { false; }; echo $?

#### { } need a separator before the closing brace
{ echo a; }
{ echo b
}

#### } as an argument does not close a group
{ echo }; }

#### break N leaves outer loops
for i in 1 2 3; do
  for j in a b c; do
    if [ $j = b ]; then break 2; fi
    echo $i$j
  done
done
echo after

#### continue N resumes an outer loop
for i in 1 2; do
  for j in a b; do
    continue 2
    echo never
  done
  echo never2
done
echo done $i

#### break N larger than the depth leaves all loops
for i in 1 2; do for j in 1 2; do break 5; done; echo never; done; echo out

#### loops on one line with nested compounds
for i in 1 2; do if [ $i = 1 ]; then echo one; else echo two; fi; done

#### while with a compound condition
i=0; while i=$((i+1)); [ $i -le 2 ]; do echo $i; done

#### until loop
i=0; until [ $i = 2 ]; do i=$((i+1)); echo u$i; done

#### newlines allowed after && || |
true &&
echo and
false ||
echo or
echo pipe |
cat

#### comments after reserved words
if true # comment
then # another
  echo commented
fi # end

#### LINENO counts lines of the script
## oracle: bash
echo $LINENO
echo $LINENO

echo $LINENO

#### LINENO in a multi-line command
## oracle: bash
if true; then
  echo $LINENO
fi

#### syntax error unexpected fi
## compare: stderr
echo before
fi
echo after

#### syntax error unexpected end of file
## compare: stderr
while true; do
  echo x

#### syntax error expecting do
## compare: stderr
for i in 1 2; echo $i; done

#### syntax error unexpected ;;
## compare: stderr
echo a ;;

#### syntax error unexpected )
## compare: stderr
echo a )

#### syntax error unterminated quote
## compare: stderr
echo ok
echo "open

#### syntax error empty group
## compare: stderr
{ }

#### syntax error after earlier lines ran
echo ran-first
if then

#### syntax error empty then part
## compare: stderr
if true; then
fi

#### syntax error empty loop body
## compare: stderr
while true; do done

#### syntax error empty function body
## compare: stderr
f() { }
