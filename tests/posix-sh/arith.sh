# Arithmetic expansion (POSIX.1-2017 XCU 2.6.4).

#### precedence of C operators
echo $((2+3*4)) $(( (2+3)*4 )) $((10-4-3)) $((2*3%4)) $((1+2<<1)) $((1<2==1))

#### unary operators
echo $((-5)) $((+5)) $((!0)) $((!7)) $((~0)) $((- -3)) $((-(-3)))

#### division and remainder truncate toward zero
echo $((7/2)) $((-7/2)) $((7%3)) $((-7%3)) $((7%-3))

#### comparison and logic
echo $((3<4)) $((3>4)) $((3<=3)) $((3>=4)) $((3==3)) $((3!=3)) $((2&&0)) $((0||3))

#### bitwise operators
echo $((12&10)) $((12|10)) $((12^10)) $((1<<10)) $((1024>>3)) $((-8>>1))

#### conditional operator
echo $((1?2:3)) $((0?2:3)) $((0?1:0?2:3)) $((1?0?4:5:6))

#### hexadecimal and octal constants
echo $((0x1F)) $((0X10)) $((010)) $((0)) $((0xff + 010 + 10))

#### variables by name and by dollar
x=7; y=3; echo $((x*y)) $(($x*$y)) $((x + $y))

#### unset and empty variables are zero
unset u; e=; echo $((u+1)) $((e+2))

#### assignment operators
a=5; echo $((a=3)) $a
echo $((a+=4)) $((a-=2)) $((a*=3)) $((a/=2)) $((a%=4)) $a
b=1; echo $((b<<=4)) $((b>>=2)) $((b|=9)) $((b&=12)) $((b^=5)) $b

#### assignment is right associative
echo $((a=b=4)) $a $b

#### logical operators do not evaluate the side not taken
x=0; echo $((0 && (x=1))) $((1 || (x=2))) $x
echo $((1 ? (y=5) : (y=6))) $y

#### nested arithmetic
echo $(( $((1+1)) * $((2+1)) ))

#### arithmetic inside double quotes
x=4; echo "$((x*x)) is sixteen"

#### command substitution inside arithmetic
echo $(( $(echo 6) * 7 ))

#### variable holding a number with spaces
x=' 12 '; echo $((x + 1))

#### result is a decimal integer
echo $((0x10)) $((-0x10))

#### large values
echo $((2147483647 + 1)) $((1 << 40))

#### division by zero is an error
echo $((1/0))
echo not reached

#### division by zero status
( echo $((5 % 0)) ) 2>/dev/null; echo $?

#### syntax error in arithmetic
( echo $((1 +)) ) 2>/dev/null; echo $?
( echo $((1 2)) ) 2>/dev/null; echo $?

#### division by zero message
## compare: stderr
( echo $((1/0)) ) 2>&1 | sed 's/^[^:]*: [0-9]*: //'

#### increment and decrement
## oracle: bash
i=5; echo $((i++)) $i $((++i)) $i $((i--)) $i $((--i)) $i

#### comma operator
## oracle: bash
echo $((a=1, b=a+1, a+b))

#### variables holding expressions
## oracle: bash
x='1+2'; y='x*3'; echo $((x)) $((y)) $((x*2))

#### empty expression is zero
## oracle: bash
echo $(( ))

#### assignment result in a loop counter
i=0; while [ $i -lt 5 ]; do : $((i+=1)); done; echo $i

#### exponentiation
## oracle: bash
echo $((2**10)) $((-2**2)) $((2**3**2)) $((3*2**2)) $((x=3, x**0)) $((2**62))
