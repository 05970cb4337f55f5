package org.wikimedia.phlogiston.history;

import java.time.LocalDate;

import org.springframework.batch.core.Job;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.batch.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.wikimedia.phlogiston.scope.LoadedProjects;
import org.wikimedia.phlogiston.scope.ResolvedScope;
import org.wikimedia.phlogiston.scope.ScopeFiles;
import org.wikimedia.phlogiston.scope.ScopeResolver;

/**
 * The job {@value #JOB_NAME}: one step that reads the scope's files, resolves its rules against the loaded
 * projects and reconstructs its history. The step manages its own transaction (see {@link ScopeReconstructor}).
 */
@Configuration(proxyBeanMethods = false)
class ReconstructionJobConfiguration {

    static final String JOB_NAME = "reconstructScope";
    static final String SCOPE = "scope";
    static final String INCREMENTAL = "incremental";
    static final String START_DATE = "startDate";
    static final String SUMMARY = "summary";

    @Bean
    Job reconstructScopeJob(JobRepository repository, ScopeFiles files, ScopeResolver resolver, ScopeReconstructor reconstructor,
                            LoadedProjects projects) {
        return new JobBuilder(JOB_NAME, repository)
                .start(new StepBuilder("reconstruct", repository).tasklet((StepContribution contribution, ChunkContext chunk) -> {
                    var parameters = chunk.getStepContext().getStepExecution().getJobParameters();
                    String prefix = parameters.getString(SCOPE);
                    String startDate = parameters.getString(START_DATE);
                    ResolvedScope scope = resolver.resolve(files.read(prefix), projects.namesById());
                    ScopeReconstructor.Result result = reconstructor.reconstruct(scope,
                            Boolean.parseBoolean(parameters.getString(INCREMENTAL)),
                            startDate == null ? null : LocalDate.parse(startDate));
                    var context = chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
                    context.putString(SUMMARY, result.summary());
                    context.putLong("tasks", result.tasks());
                    context.putLong("taskDays", result.taskDays());
                    context.putLong("days", result.upToDate() ? 0
                            : result.lastDay().toEpochDay() - result.firstDay().toEpochDay() + 1);
                    return RepeatStatus.FINISHED;
                }, new ResourcelessTransactionManager()).build())
                .build();
    }
}
