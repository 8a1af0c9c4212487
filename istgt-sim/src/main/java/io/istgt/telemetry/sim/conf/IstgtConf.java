package io.istgt.telemetry.sim.conf;

import io.istgt.telemetry.sim.model.LogicalUnitConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

/**
 * The istgt.conf of an emulated istgt, in the form cStor's cstor-volume-mgmt writes it for a target pod
 * ({@code /usr/local/etc/istgt/istgt.conf}; its template in openebs maya,
 * {@code cmd/cstor-volume-mgmt/volume/volume.go}): the global, unit-control, portal and initiator sections, then
 * one {@code [LogicalUnitN]} section per volume with its TargetName, DesiredReplicationFactor, ReplicationFactor
 * and ConsistencyFactor. istgt reads those three from there; its control socket never reports them.
 *
 * <p>The file lies beside the socket: the socket's path with {@code .conf} appended
 * ({@code /tmp/istgt.sock.conf}, {@code DIR/<volume>.sock.conf}), so that several istgts in one directory each
 * have their own.
 */
public final class IstgtConf {

    /** cStor's NodeBase: a volume's iqn is {@code NodeBase:TargetName}. */
    public static final String NODE_BASE = "iqn.2016-09.com.openebs.cstor";

    private IstgtConf() {
    }

    /** Where the istgt listening on {@code socket} has its istgt.conf. */
    public static Path pathFor(Path socket) {
        return socket.resolveSibling(socket.getFileName() + ".conf");
    }

    /** The file's text for an istgt whose portal is {@code portalAddress}, serving {@code units}. */
    public static String render(String portalAddress, List<LogicalUnitConfig> units) {
        StringBuilder out = new StringBuilder();
        out.append("""
                # Global section
                [Global]
                  NodeBase %s
                  PidFile "/var/run/istgt.pid"
                  AuthFile "/usr/local/etc/istgt/auth.conf"
                  LogFile "/usr/local/etc/istgt/logfile"
                  Luworkers 6
                  MediaDirectory "/mnt"
                  Timeout 60
                  NopInInterval 20
                  MaxR2T 16
                  DiscoveryAuthMethod None
                  DiscoveryAuthGroup None
                  MaxSessions 32
                  MaxConnections 4
                  FirstBurstLength 262144
                  MaxBurstLength 1048576
                  MaxRecvDataSegmentLength 262144
                  MaxOutstandingR2T 16
                  DefaultTime2Wait 2
                  DefaultTime2Retain 20
                  OperationalMode 0

                # UnitControl section
                [UnitControl]
                  AuthMethod None
                  AuthGroup None
                  Portal UC1 %s:3261
                  Netmask %s/8

                # PortalGroup section
                [PortalGroup1]
                  Portal DA1 %s:3260

                # InitiatorGroup section
                [InitiatorGroup1]
                  InitiatorName "ALL"
                  Netmask "ALL"

                [InitiatorGroup2]
                  InitiatorName "None"
                  Netmask "None"

                # LogicalUnit section
                """.formatted(NODE_BASE, portalAddress, portalAddress, portalAddress));
        for (LogicalUnitConfig lu : units) {
            if (lu != units.get(0)) {
                out.append('\n');
            }
            out.append("""
                    [LogicalUnit%d]
                      TargetName %s
                      TargetAlias nicknamefor-%s
                      Mapping PortalGroup1 InitiatorGroup1
                      AuthMethod None
                      AuthGroup None
                      UseDigest Auto
                      ReadOnly No
                      DesiredReplicationFactor %d
                      ReplicationFactor %d
                      ConsistencyFactor %d
                      UnitType Disk
                      UnitOnline Yes
                      BlockLength %d
                      QueueDepth 32
                      Luworkers 6
                      UnitInquiry "OpenEBS" "iscsi" "0" "%s"
                      PhysRecordLength 4096
                      LUN0 Storage %s 32k
                      LUN0 Option Unmap Disable
                      LUN0 Option WZero Disable
                      LUN0 Option ATS Disable
                      LUN0 Option XCOPY Disable
                    """.formatted(lu.lun(), lu.targetName(), lu.targetName(), lu.desiredReplicationFactor(),
                    lu.replicationFactor(), lu.consistencyFactor(), lu.blockLength(), uid(lu.targetName()),
                    capacity(lu.sizeBytes())));
        }
        return out.toString();
    }

    /** Replaces {@code path} with {@code text} at once: a reader sees the old file or the new one, never a mix. */
    public static void write(Path path, String text) {
        try {
            Path temp = Files.createTempFile(path.toAbsolutePath().getParent(), path.getFileName() + ".", ".tmp");
            try {
                Files.writeString(temp, text, StandardCharsets.US_ASCII);
                try {
                    Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write istgt.conf " + path, e);
        }
    }

    // The CStorVolume's UID in cStor; here a fixed name-based one per volume.
    private static String uid(String targetName) {
        return UUID.nameUUIDFromBytes((NODE_BASE + ":" + targetName).getBytes(StandardCharsets.UTF_8)).toString();
    }

    // The capacity as a Kubernetes quantity prints it (1Gi, 512Mi), or bytes.
    static String capacity(long bytes) {
        String[] suffixes = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
        String result = Long.toString(bytes);
        long n = bytes;
        for (String suffix : suffixes) {
            if (n == 0 || n % 1024 != 0) {
                break;
            }
            n /= 1024;
            result = n + suffix;
        }
        return result;
    }
}
