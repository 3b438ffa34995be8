/* tinydyn.c - a shared library only dyn_needs_lib knows: installed
 * nowhere, so the dynamic linker cannot find it (the missing-library test). */
int tinydyn_answer(void) { return 42; }
