/* remote_mem.c - see remote_mem.h. */
#include "proc/remote_mem.h"

#include "mm/vm.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

int remote_mem_access(struct mm *mm, uint64_t addr, void *buf, size_t n, bool write, bool force)
{
    struct vma *v = vm_find(mm, addr);
    if (!v)
        return -EFAULT;
    bool allowed = v->prot & (write ? PROT_WRITE : PROT_READ);
    if (!allowed && (!force || (write && ((v->flags & VMA_SHARED) || !(v->flags & VMA_MAYWRITE)))))
        return -EFAULT;
    if (write)
        return vm_write(mm, addr, buf, n) ? -EFAULT : 0; /* vm_write breaks copy-on-write first */
    if (vm_read(mm, buf, addr, n) == n)
        return 0;
    if (vm_fault(mm, addr, false, false)) /* not present yet: bring it in */
        return -EFAULT;
    return vm_read(mm, buf, addr, n) == n ? 0 : -EFAULT;
}
