# Writes the seed corpus of ReplyFuzzTest from the real captures in test-support (run from the repository root):
#   python3 istgt-client/make-fuzz-seeds.py istgt-client/src/test/resources/io/istgt/telemetry/client/ReplyFuzzTestInputs/shouldFailOnlyWithTheDocumentedExceptions
# Each seed: a first byte choosing the target (0 line framing, 1 connection + command byte, 2.. a parser), then bytes.
import sys, os, re
out = sys.argv[1]
fx = 'test-support/src/main/resources/istgt-fixtures/'
parsers = {'IOSTATS': 2, 'ISTGTSTATUS': 3, 'REPLICA': 4, 'STATS': 5, 'INFO': 6, 'MEMPOOL': 7, 'STATUS': 8, 'MAXIOWAIT': 9}
commands = ['IOSTATS', 'ISTGTSTATUS', 'REPLICA', 'STATS', 'INFO', 'MEMPOOL', 'STATUS', 'MAXIOWAIT']
seps = {'ISTGTSTATUS': 2, 'IOSTATS': 2, 'REPLICA': 2, 'MEMPOOL': 2, 'MAXIOWAIT': 2, 'STATS': 2, 'STATUS': 1, 'INFO': 1}
def write(name, data):
    open(os.path.join(out, name), 'wb').write(data)
def payloads(raw, cmd):
    res = []
    for l in raw.split(b'\r\n')[1:]:
        if l.startswith(b'OK ') or l.startswith(b'ERR'):
            break
        if l.startswith(cmd.encode()):
            res.append(l[len(cmd) + seps[cmd]:])
    return res
for f in sorted(os.listdir(fx)):
    m = re.search(r'-(IOSTATS|ISTGTSTATUS|REPLICA|STATS|INFO|STATUS)\.raw$', f)
    if not m or f.startswith('02-'):
        continue
    raw = open(fx + f, 'rb').read()
    cmd = m.group(1)
    base = f[:-4]
    write(base + '-lines', bytes([0]) + raw)
    write(base + '-connection', bytes([1, commands.index(cmd)]) + raw)
    write(base + '-parser', bytes([parsers[cmd]]) + b'\n'.join(payloads(raw, cmd)))
# The client's own capture (src/test/resources/istgt-captures): STATS then IOSTATS on one connection.
raw = open('istgt-client/src/test/resources/istgt-captures/11-stats-more-than-ten-opcodes.raw', 'rb').read()
lines = raw.split(b'\r\n')
stats = b'\r\n'.join([lines[0]] + [l for l in lines[1:] if l.startswith(b'STATS') or l == b'OK STATS']) + b'\r\n'
write('11-stats-more-than-ten-opcodes-STATS-connection', bytes([1, commands.index('STATS')]) + stats)
write('11-stats-more-than-ten-opcodes-STATS-parser', bytes([parsers['STATS']]) + b'\n'.join(payloads(stats, 'STATS')))
greet = b'iSCSI Target Controller version istgt:0.5.20121028:20:23:24:Nov 23 2026 on  from \r\n'
write('hand-STATUS-connection', bytes([1, 6]) + greet + b'STATUS Running:NORMAL MODE OF OPERATION\r\nSTATUS iqn.2016-09.com.openebs.cstor:vol1 REAL\r\nOK STATUS\r\n')
write('hand-STATUS-parser', bytes([8]) + b'Running:NORMAL MODE OF OPERATION\niqn.2016-09.com.openebs.cstor:vol1 REAL')
write('hand-MAXIOWAIT-connection', bytes([1, 7]) + greet + b'MAXIOWAIT  120\r\nOK MAXIOWAIT\r\n')
write('hand-MAXIOWAIT-parser', bytes([9]) + b'120')
mempool = b'{"mempool list":[{"replica usage":[{"replicaId":"16178149552629799470","in-flight read":3,"in-flight write":"4","in-flight sync":"5","in-flight command":"6"}]}]}'
write('hand-MEMPOOL-parser', bytes([7]) + mempool)
write('hand-MEMPOOL-connection', bytes([1, 5]) + greet + b'MEMPOOL  ' + mempool + b'\r\nOK MEMPOOL\r\n')
write('hand-err-connection', bytes([1, 0]) + greet + b'ERR replication module not initialized\r\n')
write('hand-cut-connection', bytes([1, 1]) + greet + b'ISTGTSTATUS  {"a":' + b'x' * 4090 + b'\r\n')
print(len(os.listdir(out)), 'seeds')
