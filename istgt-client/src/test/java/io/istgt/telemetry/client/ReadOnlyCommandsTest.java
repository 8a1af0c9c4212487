package io.istgt.telemetry.client;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.istgt.telemetry.protocol.ControlCommand;
import io.istgt.telemetry.testsupport.ArchitectureRules;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * istgt's control socket has no authentication, and some of its commands change the volume: the client can send
 * only the read-only ones, by construction. (That a poll sends exactly its commands is {@code TargetSessionTest}'s.)
 */
class ReadOnlyCommandsTest {

    /** What the client may send: read from istgt's command table (istgt_uctl.c), each one answers without changing anything. */
    private static final Set<String> READ_ONLY = Set.of("ISTGTSTATUS", "IOSTATS", "REPLICA", "MEMPOOL", "MAXIOWAIT",
            "STATS", "STATUS", "LIST", "INFO", "VERSION", "DUMP", "NOOP", "AUTH", "QUIT");

    /** istgt's commands that change the target or a volume (istgt_uctl.c). */
    private static final Set<String> STATE_CHANGING = Set.of("SNAPCREATE", "SNAPDESTROY", "RESIZE", "DRF", "SET",
            "LOAD", "UNLOAD", "CHANGE", "RESET", "CLEAR", "REFRESH", "START", "STOP", "MODIFY", "SYNC", "PERSIST");

    private static final JavaClasses CLIENT = ArchitectureRules.mainClasses(ArchitectureRules.CLIENT);

    @Test
    void shouldKnowOnlyTheReadOnlyCommands() {
        Set<String> words = Arrays.stream(ControlCommand.values()).map(ControlCommand::word).collect(Collectors.toSet());

        assertThat(words).as("a command added to ControlCommand must be read-only: review it, then list it here")
                .isEqualTo(READ_ONLY)
                .doesNotContainAnyElementsOf(STATE_CHANGING);
    }

    @Test
    void shouldWriteToTheSocketOnlyInControlConnection() {
        noClasses().that().doNotHaveFullyQualifiedName(ControlConnection.class.getName())
                .should().callMethodWhere(target(owner(assignableTo(OutputStream.class))))
                .as("only ControlConnection writes to istgt's socket, and it writes only ControlCommand words")
                .check(CLIENT);
    }

    @Test
    void shouldTakeNoTextThatCouldBecomeARequest() {
        List<String> open = Arrays.stream(ControlConnection.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .filter(m -> Arrays.stream(m.getGenericParameterTypes()).anyMatch(t -> !allowed(t)))
                .map(Method::toString)
                .toList();

        assertThat(open).as("ControlConnection's public methods take commands as ControlCommand constants only").isEmpty();
    }

    private static boolean allowed(Type t) {
        if (t instanceof ParameterizedType p) {
            return p.getRawType() == List.class && p.getActualTypeArguments()[0] == ControlCommand.class;
        }
        return t == ControlCommand.class || t == Path.class || t == ClientSettings.class;
    }
}
