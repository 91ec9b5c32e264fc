# Per-thread CPU of a running process over a window, from /proc (user+system ticks), threads
# grouped by name with digits removed: python3 threads.py PID SECONDS
import os, sys, time, re, collections
pid = sys.argv[1]; dur = float(sys.argv[2])
def snap():
    d = {}
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            s = open(f"/proc/{pid}/task/{t}/stat").read()
            comm = s[s.index('(')+1:s.rindex(')')]
            f = s[s.rindex(')')+2:].split()
            d[t] = (comm, int(f[11]) + int(f[12]))
        except Exception: pass
    return d
a = snap(); time.sleep(dur); b = snap()
hz = os.sysconf('SC_CLK_TCK')
agg = collections.Counter(); tot = 0
for t, (comm, v) in b.items():
    dv = v - a.get(t, (comm, 0))[1]
    name = re.sub(r'\d+', '#', comm)
    agg[name] += dv; tot += dv
print(f"total {tot/hz/dur:.2f} cores over {dur}s")
for n, v in agg.most_common(25):
    print(f"{v/hz/dur:6.3f} cores {100*v/max(tot,1):5.1f}%  {n}")
