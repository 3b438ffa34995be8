# The umask builtin (POSIX.1-2017 XCU umask). Every case starts with umask 022.

#### print the mask
umask

#### set an octal mask
umask 077; umask; umask 0; umask; umask 0022; umask

#### symbolic output
umask -S; umask 027; umask -S; umask 777; umask -S

#### set a symbolic mask
umask u=rwx,g=rx,o=; umask; umask -S

#### add and remove permissions
umask 077; umask g+r; umask; umask go+rx; umask; umask a-w; umask; umask u-x; umask

#### no who letters means all
umask 000; umask -w; umask; umask +w; umask; umask =r; umask

#### copy permissions from another class
umask 027; umask o=g; umask; umask g=u; umask

#### the mask applies to new files
umask 077; touch f; ls -l f | cut -c1-10
umask 022; touch g; ls -l g | cut -c1-10
umask 002; mkdir d; ls -ld d | cut -c1-10

#### bad octal mask
umask 8 2>/dev/null; echo $?; umask

#### bad symbolic mask
umask u=q 2>/dev/null; echo $?; umask x+r 2>/dev/null; echo $?; umask

#### umask in a subshell does not change the parent
(umask 077); umask

#### -S with a mode sets it
umask -S 027 >/dev/null; umask
