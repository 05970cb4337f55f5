package org.wikimedia.phlogiston.report;

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
 * The job {@value #JOB_NAME}: recategorize → aggregate → velocity (and forecasts) → lists → data files →
 * charts → pages → publish. Everything up to publish writes into a draft folder that readers never see; the
 * last step makes it current in one move, and a failure anywhere before leaves the published report as it was.
 * Each step reads what the ones before it left in the database, the job's execution context and the draft, never
 * in memory: a restart (of a report that is a stage of a run) runs only the step that failed and those after it.
 */
@Configuration(proxyBeanMethods = false)
class ReportJobConfiguration {

    static final String JOB_NAME = "reportScope";

    @Bean
    Job reportScopeJob(JobRepository repository, ReportSteps steps) {
        return new JobBuilder(JOB_NAME, repository)
                .listener(steps)
                .start(step(repository, "recategorize", steps::recategorize))
                .next(step(repository, "aggregate", steps::aggregate))
                .next(step(repository, "velocity", steps::velocity))
                .next(step(repository, "lists", steps::lists))
                .next(step(repository, "data", steps::data))
                .next(step(repository, "charts", steps::charts))
                .next(step(repository, "pages", steps::pages))
                .next(step(repository, "publish", steps::publish))
                .build();
    }

    private static Step step(JobRepository repository, String name, Tasklet tasklet) {
        return new StepBuilder(name, repository).tasklet(tasklet, new ResourcelessTransactionManager()).build();
    }
}
