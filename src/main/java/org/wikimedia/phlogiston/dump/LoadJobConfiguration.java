package org.wikimedia.phlogiston.dump;

import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job {@value #JOB_NAME}: fetch → stage → verify → publish, ending early when there is no fresher dump.
 *
 * <p>The steps are tasklets that manage their own transactions (hence the resourceless transaction manager):
 * staging holds one COPY per table open for the whole parse, and publishing must commit in its own, short
 * transaction rather than in the job repository's.
 */
@Configuration(proxyBeanMethods = false)
class LoadJobConfiguration {

    static final String JOB_NAME = "loadDump";

    @Bean
    Job loadDumpJob(JobRepository repository, LoadSteps steps, LoadRecorder recorder) {
        Step fetch = step(repository, "fetch", steps::fetch);
        return new JobBuilder(JOB_NAME, repository)
                .listener(recorder)
                .start(fetch).on(LoadSteps.UNCHANGED.getExitCode()).end()
                .from(fetch).on("FAILED").fail()
                .from(fetch).on("*").to(step(repository, "stage", steps::stage))
                .next(step(repository, "verify", steps::verify))
                .next(step(repository, "publish", steps::publish))
                .end()
                .build();
    }

    private static Step step(JobRepository repository, String name, Tasklet tasklet) {
        return new StepBuilder(name, repository).tasklet(tasklet, new ResourcelessTransactionManager()).build();
    }
}
