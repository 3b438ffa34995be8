"""users.py - users in the base system (issue 14): what uid 1000 may do,
case by case, differential with the host (perm_user_test: the host runs
it as root too and it drops to 1000 itself), and the userland around
users (su, id, chown, chgrp, ls -l names, /etc/passwd and /etc/group,
/home/user, /tmp and /root modes) through the real shell. Keys as in
tests/user_tests.py."""

USER_TESTS = [
    dict(name="users-perm-as-uid-1000", prog="perm_user_test", status=0, differential=True, timeout=60),
]

# su, id, chown, chgrp and ls -l through /bin/sh as root, stderr merged so
# the messages are checked too. Tiny OS only: the host's su asks PAM.
SU_SCRIPT = "{ " + "".join([
    'echo secret > /root/secret; chmod 600 /root/secret\n',
    "ls -ld /tmp /root /home/user | tr -s ' ' | cut -d' ' -f1,3,4,9\n",
    'su user -c \'id; whoami; echo $HOME $USER $LOGNAME $SHELL; touch /tmp/x; ls -l /tmp/x | cut -d" " -f1-5; cat /root/secret; echo cat=$?; cp /tmp/x /root/y; echo cp=$?; exit 7\'\n',
    'echo su=$?\n',
    'su - user -c \'pwd; echo $PATH; touch mine; ls -l mine | cut -d" " -f3,4\'\n',
    "su nobody -c 'id' ; echo nobody=$?\n",
    "su -s /bin/sh nobody -c id; su --shell=/bin/sh - nobody -c pwd\n",
    "su user -c 'echo \"[$0] [$1] [$2]\"; id -u' a0 a1 'a 2'\n",
    "su user -c 'su -c id'; echo nested=$?\n",
    'su nosuch; echo nosuch=$?\n',
    'echo data > /tmp/f; chown user:user /tmp/f; ls -l /tmp/f | cut -d" " -f3,4\n',
    'chgrp nogroup /tmp/f; ls -l /tmp/f | cut -d" " -f3,4\n',
    'chown 0:0 /tmp/f; ls -ln /tmp/f | cut -d" " -f3,4\n',
    'chown root: /tmp/f; ls -l /tmp/f | cut -d" " -f3,4\n',
    'chown nosuch /tmp/f; echo $?; chgrp nosuch /tmp/f; echo $?; chown user /nonexistent; echo $?\n',
    'mkdir -p /tmp/t/a/b; touch /tmp/t/a/b/c; chown -R user:nogroup /tmp/t; ls -ln /tmp/t/a/b | tail -1 | cut -d" " -f3,4\n',
    "su user -c 'chown root /tmp/x; chgrp root /tmp/x; chgrp user /tmp/x && echo chgrp-own-group-ok'\n",
    'id user; id -G; id -nG user; id -u nobody\n',
    'chmod u+s /bin/id; su user -c id; chmod u-s /bin/id\n',
    "echo 'staff:x:50:root,user' >> /etc/group; su user -c 'id; id -G'; su -c 'id -nG'"]) + "\n} 2>&1"

USER_TESTS += [
    dict(name="users-su-id-chown-chgrp", bin="sh", rootfs=True, status=0, timeout=60,
         args=["-c", SU_SCRIPT],
         stdout=('drwxr-xr-x user user /home/user\n'
                'drwx------ root root /root\n'
                'drwxrwxrwt root root /tmp\n'
                'uid=1000(user) gid=1000(user) groups=1000(user)\n'
                'user\n'
                '/home/user user user /bin/sh\n'
                '-rw-r--r-- 1 user user 0\n'
                'cat: /root/secret: Permission denied\n'
                'cat=1\n'
                "cp: cannot create regular file '/root/y': Permission denied\n"
                'cp=1\n'
                'su=7\n'
                '/home/user\n'
                '/usr/local/bin:/bin:/usr/bin\n'
                'user user\n'
                'This account is currently not available.\n'
                'nobody=1\n'
                'uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n'
                'su: warning: cannot change directory to /nonexistent: No such file or directory\n'
                '/\n'
                '[a0] [a1] [a 2]\n'
                '1000\n'
                'su: Authentication failure\n'
                'nested=1\n'
                'su: user nosuch does not exist or the user entry does not contain all the required fields\n'
                'nosuch=1\n'
                'user user\n'
                'user nogroup\n'
                '0 0\n'
                'root root\n'
                "chown: invalid user: 'nosuch'\n"
                '1\n'
                "chgrp: invalid group: 'nosuch'\n"
                '1\n'
                "chown: cannot access '/nonexistent': No such file or directory\n"
                '1\n'
                '1000 65534\n'
                "chown: changing ownership of '/tmp/x': Operation not permitted\n"
                "chgrp: changing group of '/tmp/x': Operation not permitted\n"
                'chgrp-own-group-ok\n'
                'uid=1000(user) gid=1000(user) groups=1000(user)\n'
                '0\n'
                'user\n'
                '65534\n'
                'uid=1000(user) gid=1000(user) euid=0(root) groups=1000(user)\n'
                'uid=1000(user) gid=1000(user) groups=1000(user),50(staff)\n'
                '1000 50\n'
                'root staff\n')),
    # tinyos-run --user: PID 1 itself runs as an unprivileged user (through
    # su), ours and Debian's dynamically linked programs alike.
    dict(name="users-tinyos-run-as-user", bin="id", user="user", status=0,
         stdout="uid=1000(user) gid=1000(user) groups=1000(user)\n"),
    dict(name="users-tinyos-run-as-nobody-debian-ls", path="/usr/bin/ls", args=["/root"], user="nobody", status=2,
         stdout=""),
]
